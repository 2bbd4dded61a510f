// Appends each goroutine's result to one slice without a lock.
package main

import (
	"fmt"
	"sync"
)

func square(n int) int { return n * n }

func main() {
	var results []int
	var wg sync.WaitGroup
	for n := 1; n <= 5; n++ {
		wg.Add(1)
		go func(n int) {
			defer wg.Done()
			results = append(results, square(n))
		}(n)
	}
	wg.Wait()
	fmt.Println(len(results), "results")
}
