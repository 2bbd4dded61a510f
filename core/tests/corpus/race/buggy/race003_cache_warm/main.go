// Warms a cache from several goroutines; the map has no lock.
package main

import (
	"fmt"
	"sync"
)

type Cache struct {
	items map[string][]byte
}

func (c *Cache) Warm(keys []string) {
	var wg sync.WaitGroup
	for _, k := range keys {
		wg.Add(1)
		go func(k string) {
			defer wg.Done()
			c.items[k] = []byte("value-of-" + k)
		}(k)
	}
	wg.Wait()
}

func main() {
	c := &Cache{items: map[string][]byte{}}
	c.Warm([]string{"users", "orders", "carts", "prices", "stock"})
	fmt.Println(len(c.items), "keys warmed")
}
