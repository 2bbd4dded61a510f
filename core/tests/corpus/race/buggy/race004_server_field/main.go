// A server tracks connection handlers with a WaitGroup field.
package main

import (
	"fmt"
	"sync"
	"time"
)

type Server struct {
	wg      sync.WaitGroup
	handled []int
}

func (s *Server) Serve(conns []int) {
	s.handled = make([]int, len(conns))
	for i, c := range conns {
		go func(i, c int) {
			s.wg.Add(1)
			defer s.wg.Done()
			time.Sleep(time.Millisecond)
			s.handled[i] = c
		}(i, c)
	}
}

func (s *Server) Shutdown() { s.wg.Wait() }

func main() {
	s := &Server{}
	s.Serve([]int{7, 8, 9})
	s.Shutdown()
	fmt.Println("handled:", s.handled)
	time.Sleep(20 * time.Millisecond)
}
