package main

import (
	"fmt"
	"os"
)

func main() {
	var ch chan int
	if len(os.Args) >= 1 {
		ch = make(chan int)
	}
	close(ch)
	fmt.Println("closed")
}
