// The shared total is guarded by one mutex on both sides.
package main

import (
	"fmt"
	"sync"
)

func main() {
	chunks := []string{"alpha", "beta", "gamma"}
	total := 0
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, c := range chunks {
		wg.Add(1)
		go func(c string) {
			defer wg.Done()
			mu.Lock()
			total += len(c)
			mu.Unlock()
		}(c)
	}
	wg.Wait()
	mu.Lock()
	fmt.Println("total:", total)
	mu.Unlock()
}
