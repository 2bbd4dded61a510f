package main

import "fmt"

type Node struct {
	Val  int
	Next *Node
}

func describe(n *Node) string {
	if n == nil {
		return "empty node"
	}
	return fmt.Sprint(n.Val)
}

func main() {
	fmt.Println(describe(nil))
}
