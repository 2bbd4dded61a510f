package main

import "fmt"

func main() {
	var seen map[int]bool
	fmt.Println(seen[1], len(seen)) // reading a nil map is fine
}
