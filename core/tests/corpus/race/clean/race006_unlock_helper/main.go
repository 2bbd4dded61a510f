package main

import (
	"fmt"
	"sync"
)

type queue struct {
	mu    sync.Mutex
	items []int
}

func (q *queue) unlockAndLog(msg string) {
	q.mu.Unlock()
	fmt.Println(msg)
}

func (q *queue) pop() (int, bool) {
	q.mu.Lock()
	if len(q.items) == 0 {
		q.unlockAndLog("empty")
		return 0, false
	}
	v := q.items[0]
	q.items = q.items[1:]
	q.mu.Unlock()
	return v, true
}

func main() {
	q := &queue{items: []int{1}}
	fmt.Println(q.pop())
	fmt.Println(q.pop())
}
