package main

import "fmt"

func main() {
	var out chan int
	out = make(chan int, 1)
	out <- 1
	close(out)
	fmt.Println(<-out)
}
