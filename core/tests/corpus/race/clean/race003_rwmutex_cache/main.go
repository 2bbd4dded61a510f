// A cache with an RWMutex: readers share, writers exclude.
package main

import (
	"fmt"
	"sync"
)

type Cache struct {
	mu    sync.RWMutex
	items map[string]string
}

func (c *Cache) Get(k string) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.items[k]
	return v, ok
}

func (c *Cache) Set(k, v string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.items[k] = v
}

func main() {
	c := &Cache{items: map[string]string{}}
	var wg sync.WaitGroup
	for i := 0; i < 6; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			key := fmt.Sprint("k", i%3)
			if _, ok := c.Get(key); !ok {
				c.Set(key, "v")
			}
		}(i)
	}
	wg.Wait()
	fmt.Println(len(c.items))
}
