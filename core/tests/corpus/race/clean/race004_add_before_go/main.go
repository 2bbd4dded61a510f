// Add is called before each goroutine starts.
package main

import (
	"fmt"
	"sync"
)

func main() {
	results := make([]int, 5)
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			results[i] = i * 10
		}(i)
	}
	wg.Wait()
	fmt.Println(results)
}
