package main

import (
	"fmt"
	"os"
)

func main() {
	fi, err := os.Stat("/no/such/file")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(fi.Size())
}
