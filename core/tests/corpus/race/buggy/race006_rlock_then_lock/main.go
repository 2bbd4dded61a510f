// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import (
	"fmt"
	"sync"
)

type store struct {
	mu sync.RWMutex
	m  map[string]int
}

func (s *store) getOrSet(k string) int {
	s.mu.RLock()
	v, ok := s.m[k]
	if !ok {
		s.mu.Lock()
		s.m[k] = 1
		s.mu.Unlock()
	}
	s.mu.RUnlock()
	return v
}

func main() {
	s := &store{m: map[string]int{}}
	fmt.Println(s.getOrSet("x"))
}
