// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import (
	"fmt"
	"sync"
)

func consume(wg *sync.WaitGroup, jobs chan int) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			j := <-jobs
			fmt.Println("job", j)
		}
	}()
}

func main() {
	var wg sync.WaitGroup
	jobs := make(chan int)
	consume(&wg, jobs)
	jobs <- 1
	wg.Wait()
}
