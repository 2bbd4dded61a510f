package main

import "fmt"

func main() {
	var done chan struct{}
	fmt.Println("stopping")
	close(done)
}
