package main

import "fmt"

func main() {
	var ch chan int
	ch = make(chan int, 1)
	ch <- 1
	fmt.Println(<-ch)
}
