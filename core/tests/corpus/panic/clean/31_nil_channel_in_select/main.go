package main

import "fmt"

func main() {
	var disabled chan int
	select {
	case v := <-disabled:
		fmt.Println(v)
	default:
		fmt.Println("nil channel never ready")
	}
}
