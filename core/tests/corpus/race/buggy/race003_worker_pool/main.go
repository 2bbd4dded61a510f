// A pool of workers stores results in a shared map.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	jobs := make(chan int, 32)
	results := map[int]int{}
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				results[j] = j * j
				// Slow workers: every worker gets jobs, so two of them write the map
				// (a fast one could drain the queue alone and hide the race).
				time.Sleep(time.Millisecond)
			}
		}()
	}
	for j := 0; j < 32; j++ {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	fmt.Println(len(results), "results")
}
