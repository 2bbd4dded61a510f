package main

import "fmt"

func main() {
	ch := make(chan int, 3)
	for i := 0; i < 3; i++ {
		ch <- i
	}
	close(ch)
	total := 0
	for v := range ch {
		total += v
	}
	fmt.Println(total)
}
