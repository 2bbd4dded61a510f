package main

import "fmt"

func worker(out chan<- int) {
	defer close(out)
	for i := 0; i < 3; i++ {
		out <- i
	}
}

func main() {
	ch := make(chan int)
	go worker(ch)
	for v := range ch {
		fmt.Println(v)
	}
}
