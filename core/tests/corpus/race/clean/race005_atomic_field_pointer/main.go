// Stats with atomic fields, shared by pointer.
package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

type Stats struct {
	hits   atomic.Int64
	misses atomic.Int64
}

func record(s *Stats, hit bool) {
	if hit {
		s.hits.Add(1)
	} else {
		s.misses.Add(1)
	}
}

func main() {
	var s Stats
	var wg sync.WaitGroup
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			record(&s, i%3 == 0)
		}(i)
	}
	wg.Wait()
	fmt.Println(s.hits.Load(), s.misses.Load())
}
