package main

import "fmt"

func main() {
	s := make([]int, 0, 4)
	window := s[:4]
	fmt.Println(len(window))
}
