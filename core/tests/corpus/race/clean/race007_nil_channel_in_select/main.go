package main

import "fmt"

func main() {
	var never chan int
	select {
	case v := <-never:
		fmt.Println(v)
	default:
		fmt.Println("nothing ready")
	}
}
