// The whole batch is counted before the loop.
package main

import (
	"fmt"
	"sync"
)

func main() {
	batches := [][]int{{1, 2}, {3, 4}, {5, 6}}
	sums := make([]int, len(batches))
	var wg sync.WaitGroup
	wg.Add(len(batches))
	for i, b := range batches {
		go func(i int, b []int) {
			defer wg.Done()
			for _, v := range b {
				sums[i] += v
			}
		}(i, b)
	}
	wg.Wait()
	fmt.Println(sums)
}
