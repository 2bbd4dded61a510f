package main

import "fmt"

type Registry struct {
	items map[string]int
}

func main() {
	r := Registry{items: map[string]int{}}
	r.items["x"] = 1
	fmt.Println(r.items)
}
