package main

import (
	"fmt"
	"sync"
)

type pump struct {
	in   chan string
	quit chan struct{}
	done sync.WaitGroup
}

func (p *pump) loop() {
	defer p.done.Done()
	for {
		select {
		case s := <-p.in:
			fmt.Println(s)
		case <-p.quit:
			return
		}
	}
}

func newPump() *pump {
	p := &pump{in: make(chan string), quit: make(chan struct{})}
	p.done.Add(1)
	go p.loop()
	return p
}

func main() {
	p := newPump()
	p.in <- "hello"
	close(p.quit)
	p.done.Wait()
}
