package main

import "fmt"

type Stats struct{ Hits int }

func main() {
	var s Stats
	s.Hits++
	fmt.Println(s)
}
