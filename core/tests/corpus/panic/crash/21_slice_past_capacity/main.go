package main

import "fmt"

func main() {
	s := make([]int, 0, 4)
	window := s[:5]
	fmt.Println(window)
}
