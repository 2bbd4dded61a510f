// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import (
	"fmt"
	"sync"
)

func startWorker(wg *sync.WaitGroup, in chan int, tick chan struct{}) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case v := <-in:
				fmt.Println("got", v)
			case <-tick:
				fmt.Println("tick")
			}
		}
	}()
}

func main() {
	var wg sync.WaitGroup
	in := make(chan int)
	tick := make(chan struct{})
	startWorker(&wg, in, tick)
	in <- 1
	in <- 2
	wg.Wait()
}
