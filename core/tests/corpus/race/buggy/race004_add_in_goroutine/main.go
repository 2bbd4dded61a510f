// Each goroutine counts itself on the WaitGroup, too late for Wait.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	results := make([]int, 5)
	var wg sync.WaitGroup
	for i := 0; i < 5; i++ {
		go func(i int) {
			wg.Add(1)
			defer wg.Done()
			time.Sleep(time.Millisecond)
			results[i] = i * 10
		}(i)
	}
	wg.Wait()
	fmt.Println(results)
	time.Sleep(20 * time.Millisecond)
}
