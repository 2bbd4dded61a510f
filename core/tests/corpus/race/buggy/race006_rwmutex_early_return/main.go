// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import (
	"fmt"
	"sync"
)

type registry struct {
	mu    sync.RWMutex
	names map[int]string
}

func (r *registry) lookup(id int) string {
	r.mu.RLock()
	if id < 0 {
		return ""
	}
	name := r.names[id]
	r.mu.RUnlock()
	return name
}

func (r *registry) add(id int, name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.names[id] = name
}

func main() {
	r := &registry{names: map[int]string{}}
	fmt.Println(r.lookup(-1))
	r.add(1, "one")
	fmt.Println(r.lookup(1))
}
