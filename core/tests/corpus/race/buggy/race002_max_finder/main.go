// Finds the maximum of each shard concurrently into a shared variable.
package main

import (
	"fmt"
	"sync"
)

func main() {
	shards := [][]int{{3, 9, 1}, {14, 2}, {7, 7, 8}, {11}}
	best := 0
	var wg sync.WaitGroup
	for _, s := range shards {
		wg.Add(1)
		go func(s []int) {
			defer wg.Done()
			for _, v := range s {
				if v > best {
					best = v
				}
			}
		}(s)
	}
	wg.Wait()
	fmt.Println("max:", best)
}
