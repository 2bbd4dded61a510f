package main

import "fmt"

func finish(ch chan string, failed bool) {
	if failed {
		ch <- "failed"
	} else {
		close(ch)
	}
}

func main() {
	ch := make(chan string, 1)
	finish(ch, true)
	fmt.Println(<-ch)
	ch2 := make(chan string, 1)
	finish(ch2, false)
	_, ok := <-ch2
	fmt.Println(ok)
}
