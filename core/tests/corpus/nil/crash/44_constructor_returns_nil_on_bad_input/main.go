package main

import "fmt"

type Point struct{ X, Y int }

func newPoint(x, y int) *Point {
	if x < 0 || y < 0 {
		return nil
	}
	return &Point{x, y}
}

func main() {
	p := newPoint(-1, 2)
	fmt.Println(p.X + p.Y)
}
