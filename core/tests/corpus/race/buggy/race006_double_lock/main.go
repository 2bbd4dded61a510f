// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import (
	"fmt"
	"sync"
)

type counter struct {
	mu sync.Mutex
	n  int
}

func (c *counter) incTwice() {
	c.mu.Lock()
	c.n++
	c.mu.Lock()
	c.n++
	c.mu.Unlock()
}

func main() {
	c := &counter{}
	c.incTwice()
	fmt.Println(c.n)
}
