package main

import "fmt"

func stop(ch chan int, now bool) {
	if now {
		close(ch)
		return
	}
	ch <- 1
	close(ch)
}

func main() {
	a := make(chan int, 1)
	stop(a, true)
	b := make(chan int, 1)
	stop(b, false)
	fmt.Println(<-b)
}
