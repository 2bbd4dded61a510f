package main

import "fmt"

type Tree struct{ Left, Right *Tree }

func isLeaf(t *Tree) bool { return t == nil }

func depth(t *Tree) int {
	if isLeaf(t) {
		return 1 + depth(t.Left)
	}
	return 0
}

func main() {
	fmt.Println(depth(nil))
}
