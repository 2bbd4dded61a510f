package main

import "fmt"

func main() {
	var counts map[string]int
	for _, w := range []string{"a", "b", "a"} {
		counts[w]++
	}
	fmt.Println(counts)
}
