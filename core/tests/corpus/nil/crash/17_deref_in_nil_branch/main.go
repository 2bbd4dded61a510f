package main

import "fmt"

type Node struct {
	Val  int
	Next *Node
}

func describe(n *Node) string {
	if n == nil {
		return fmt.Sprintf("empty node %d", n.Val)
	}
	return fmt.Sprint(n.Val)
}

func main() {
	fmt.Println(describe(nil))
}
