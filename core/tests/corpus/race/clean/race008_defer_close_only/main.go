package main

import "fmt"

func produce(out chan int, xs []int) {
	defer close(out)
	for _, x := range xs {
		out <- x
	}
}

func main() {
	out := make(chan int, 10)
	produce(out, []int{1, 2})
	for v := range out {
		fmt.Println(v)
	}
}
