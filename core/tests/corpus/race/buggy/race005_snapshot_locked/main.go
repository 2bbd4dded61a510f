// corpus: deadlock
// Snapshot copies the store while its mutex is held; the copy stays locked.
package main

import (
	"fmt"
	"sync"
)

type Store struct {
	mu   sync.Mutex
	data map[string]string
}

func (s *Store) Snapshot() Store {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s
}

func (s *Store) Get(k string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data[k]
}

func main() {
	s := &Store{data: map[string]string{"env": "prod"}}
	snap := s.Snapshot()
	fmt.Println("env:", snap.Get("env"))
}
