package main

import "fmt"

func main() {
	var counts [3]int
	i := 2
	counts[i]++
	fmt.Println(counts)
}
