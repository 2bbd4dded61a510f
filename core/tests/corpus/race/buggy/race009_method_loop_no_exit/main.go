// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import (
	"fmt"
	"sync"
)

type pump struct {
	in   chan string
	done sync.WaitGroup
}

func (p *pump) loop() {
	defer p.done.Done()
	for {
		select {
		case s := <-p.in:
			fmt.Println(s)
		}
	}
}

func newPump() *pump {
	p := &pump{in: make(chan string)}
	p.done.Add(1)
	go p.loop()
	return p
}

func main() {
	p := newPump()
	p.in <- "hello"
	p.done.Wait()
}
