package main

import "fmt"

func main() {
	var seen map[int]bool
	for i := 0; i < 3; i++ {
		seen[i] = true
	}
	fmt.Println(len(seen))
}
