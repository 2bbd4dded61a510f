package main

import "fmt"

func main() {
	var counts [3]int
	i := 5
	counts[i]++
	fmt.Println(counts)
}
