// Each goroutine writes its own slot; the maximum is taken after Wait.
package main

import (
	"fmt"
	"sync"
)

func main() {
	shards := [][]int{{3, 9, 1}, {14, 2}, {7, 8}}
	maxes := make([]int, len(shards))
	var wg sync.WaitGroup
	for i, s := range shards {
		wg.Add(1)
		go func(i int, s []int) {
			defer wg.Done()
			for _, v := range s {
				if v > maxes[i] {
					maxes[i] = v
				}
			}
		}(i, s)
	}
	wg.Wait()
	best := 0
	for _, m := range maxes {
		if m > best {
			best = m
		}
	}
	fmt.Println("max:", best)
}
