package main

import "fmt"

type Index struct {
	name  string
	byKey map[string][]int
}

func main() {
	idx := Index{name: "main", byKey: map[string][]int{}}
	idx.byKey["k"] = append(idx.byKey["k"], 1)
	fmt.Println(idx.name)
}
