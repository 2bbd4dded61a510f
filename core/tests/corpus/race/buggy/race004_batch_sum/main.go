// Sums batches concurrently; each batch goroutine registers itself.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	batches := [][]int{{1, 2}, {3, 4}, {5, 6}, {7, 8}}
	sums := make([]int, len(batches))
	var wg sync.WaitGroup
	for i, b := range batches {
		go func(i int, b []int) {
			wg.Add(1)
			defer wg.Done()
			time.Sleep(time.Millisecond)
			for _, v := range b {
				sums[i] += v
			}
		}(i, b)
	}
	wg.Wait()
	fmt.Println(sums)
	time.Sleep(20 * time.Millisecond)
}
