package main

import "fmt"

type Shape struct{ Sides int }

func sides(s *Shape) int {
	switch {
	case s == nil:
		fmt.Println("nil shape with", s.Sides, "sides")
		return 0
	default:
		return s.Sides
	}
}

func main() {
	fmt.Println(sides(nil))
}
