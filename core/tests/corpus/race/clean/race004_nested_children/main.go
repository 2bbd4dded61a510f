// A counted goroutine adds its children while its own count is held.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	var mu sync.Mutex
	seen := 0
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; i < 3; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				mu.Lock()
				seen++
				mu.Unlock()
			}()
		}
	}()
	wg.Wait()
	fmt.Println("children:", seen)
}
