package main

import "fmt"

func finish(ch chan string, failed bool) {
	close(ch)
	if failed {
		ch <- "failed"
	}
}

func main() {
	ch := make(chan string, 1)
	finish(ch, true)
	fmt.Println(<-ch)
}
