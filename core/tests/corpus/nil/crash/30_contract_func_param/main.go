package main

import "fmt"

func each(items []int, visit func(int)) {
	visit(len(items))
	for _, it := range items {
		visit(it)
	}
}

func main() {
	each([]int{1, 2}, nil)
	fmt.Println("done")
}
