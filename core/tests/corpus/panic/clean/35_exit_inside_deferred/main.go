package main

import (
	"fmt"
	"os"
)

func main() {
	code := 0
	defer func() {
		fmt.Println("exiting with", code)
		os.Exit(code)
	}()
}
