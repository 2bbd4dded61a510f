package main

import "fmt"

func produce() {
	var out chan int
	defer close(out)
	fmt.Println("producing")
}

func main() {
	produce()
}
