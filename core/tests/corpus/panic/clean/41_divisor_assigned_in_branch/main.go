package main

import (
	"fmt"
	"os"
)

func main() {
	workers := 0
	if len(os.Args) >= 1 {
		workers = 4
	}
	fmt.Println(100 / workers)
}
