// Handles hold a pointer to one shared mutex, so copying a handle is fine.
package main

import (
	"fmt"
	"sync"
)

type handle struct {
	mu   *sync.Mutex
	data map[int]int
}

func (h handle) set(k, v int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.data[k] = v
}

func main() {
	h := handle{mu: &sync.Mutex{}, data: map[int]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			h.set(i, i*i)
		}(i)
	}
	wg.Wait()
	fmt.Println(len(h.data))
}
