// An errgroup-like helper built on a WaitGroup and a buffered error channel.
package main

import (
	"errors"
	"fmt"
	"sync"
)

type group struct {
	wg   sync.WaitGroup
	errs chan error
}

func newGroup(n int) *group { return &group{errs: make(chan error, n)} }

func (g *group) Go(f func() error) {
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		if err := f(); err != nil {
			g.errs <- err
		}
	}()
}

func (g *group) Wait() error {
	g.wg.Wait()
	close(g.errs)
	return <-g.errs
}

func main() {
	g := newGroup(3)
	for i := 0; i < 3; i++ {
		i := i
		g.Go(func() error {
			if i == 1 {
				return errors.New("task 1 failed")
			}
			return nil
		})
	}
	fmt.Println("first error:", g.Wait())
}
