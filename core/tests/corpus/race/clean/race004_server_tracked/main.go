// A server counts handlers before starting them and waits on shutdown.
package main

import (
	"fmt"
	"sync"
)

type Server struct {
	wg      sync.WaitGroup
	handled []int
}

func (s *Server) Serve(conns []int) {
	s.handled = make([]int, len(conns))
	for i, c := range conns {
		s.wg.Add(1)
		go func(i, c int) {
			defer s.wg.Done()
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
}
