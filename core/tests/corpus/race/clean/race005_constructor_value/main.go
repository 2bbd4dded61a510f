// A constructor returns a fresh value; callers use it through a pointer.
package main

import (
	"fmt"
	"sync"
)

type Store struct {
	mu   sync.Mutex
	data map[string]string
}

func NewStore() Store {
	return Store{data: map[string]string{"env": "prod"}}
}

func (s *Store) Get(k string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data[k]
}

func main() {
	s := NewStore()
	p := &s
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_ = p.Get("env")
		}()
	}
	wg.Wait()
	fmt.Println("env:", p.Get("env"))
}
