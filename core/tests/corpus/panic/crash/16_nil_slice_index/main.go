package main

import "fmt"

func main() {
	var squares []int
	for i := 0; i < 3; i++ {
		fmt.Println(i)
	}
	squares[0] = 1
	fmt.Println(squares)
}
