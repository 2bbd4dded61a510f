package main

import (
	"fmt"
	"sync"
)

func consume(wg *sync.WaitGroup, jobs chan int) {
	wg.Add(1)
	go func() {
		defer wg.Done()
	loop:
		for {
			select {
			case j, ok := <-jobs:
				if !ok {
					break loop
				}
				fmt.Println("job", j)
			}
		}
	}()
}

func main() {
	var wg sync.WaitGroup
	jobs := make(chan int)
	consume(&wg, jobs)
	jobs <- 1
	close(jobs)
	wg.Wait()
}
