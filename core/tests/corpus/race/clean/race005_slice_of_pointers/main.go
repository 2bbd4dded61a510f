// A slice of pointers: range values copy pointers, not locks.
package main

import (
	"fmt"
	"sync"
)

type Cache struct {
	mu   sync.Mutex
	data map[string]int
}

func main() {
	caches := []*Cache{{data: map[string]int{}}, {data: map[string]int{}}}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, c := range caches {
				c.mu.Lock()
				c.data["k"]++
				c.mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println(caches[0].data["k"], caches[1].data["k"])
}
