package main

import (
	"fmt"
	"sync"
)

type server struct {
	mu    sync.Mutex
	calls int
}

// slowLocked is called with s.mu held; it drops the lock while it works.
func (s *server) slowLocked() {
	s.mu.Unlock()
	defer s.mu.Lock()
	fmt.Println("working without the lock")
}

func (s *server) handle() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls++
	s.slowLocked()
	s.calls++
}

func main() {
	s := &server{}
	s.handle()
	s.handle()
	fmt.Println(s.calls)
}
