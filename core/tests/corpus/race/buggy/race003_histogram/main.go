// Builds a histogram of values per chunk in parallel.
package main

import (
	"fmt"
	"sync"
)

func main() {
	data := []int{1, 5, 9, 12, 15, 21, 22, 28, 31, 35, 38, 40}
	buckets := make(map[int]int)
	var wg sync.WaitGroup
	for start := 0; start < len(data); start += 3 {
		chunk := data[start : start+3]
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, v := range chunk {
				buckets[v/10]++
			}
		}()
	}
	wg.Wait()
	fmt.Println(buckets)
}
