package main

import (
	"fmt"
	"sync"
)

type node struct {
	mu   sync.Mutex
	val  int
	next *node
}

func sum(head *node) int {
	total := 0
	n := head
	n.mu.Lock()
	for n != nil {
		total += n.val
		next := n.next
		if next != nil {
			next.mu.Lock()
		}
		n.mu.Unlock()
		n = next
	}
	return total
}

func main() {
	list := &node{val: 1, next: &node{val: 2, next: &node{val: 3}}}
	fmt.Println(sum(list))
}
