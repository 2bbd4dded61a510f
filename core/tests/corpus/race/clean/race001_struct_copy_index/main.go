// Goroutines get the job by index through a copy, not the loop variable.
package main

import (
	"fmt"
	"sync"
)

type Job struct{ ID int }

func main() {
	jobs := []Job{{1}, {2}, {3}}
	out := make([]int, len(jobs))
	var wg sync.WaitGroup
	for i := range jobs {
		idx := i
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[idx] = jobs[idx].ID * 100
		}()
	}
	wg.Wait()
	fmt.Println(out)
}
