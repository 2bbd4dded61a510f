package main

import (
	"fmt"
	"os"
)

func main() {
	fi, err := os.Stat("/no/such/file")
	size := fi.Size()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(size)
}
