// The cache is passed by value: every call locks a different mutex.
package main

import (
	"fmt"
	"sync"
)

type Cache struct {
	mu   sync.Mutex
	data map[string]int
}

func update(c Cache, key string) {
	c.mu.Lock()
	c.data[key]++
	c.mu.Unlock()
}

func main() {
	cache := Cache{data: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			update(cache, "k")
		}()
	}
	wg.Wait()
	fmt.Println(cache.data["k"])
}
