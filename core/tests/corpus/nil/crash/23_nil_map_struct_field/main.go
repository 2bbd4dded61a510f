package main

import "fmt"

type Registry struct {
	items map[string]int
}

func main() {
	var r Registry
	r.items["x"] = 1
	fmt.Println(r.items)
}
