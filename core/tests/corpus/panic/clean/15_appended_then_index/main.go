package main

import "fmt"

func main() {
	var squares []int
	for i := 0; i < 3; i++ {
		squares = append(squares, i*i)
	}
	fmt.Println(squares[2])
}
