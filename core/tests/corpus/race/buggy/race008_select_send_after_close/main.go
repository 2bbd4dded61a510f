package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	close(ch)
	select {
	case ch <- 1:
		fmt.Println("sent")
	default:
		fmt.Println("full")
	}
}
