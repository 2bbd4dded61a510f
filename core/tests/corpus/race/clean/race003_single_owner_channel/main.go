// Workers send pairs to one goroutine that owns the map.
package main

import (
	"fmt"
	"sync"
)

type pair struct{ k, v int }

func main() {
	pairs := make(chan pair)
	results := map[int]int{}
	done := make(chan struct{})
	go func() {
		for p := range pairs {
			results[p.k] = p.v
		}
		close(done)
	}()
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for j := 0; j < 5; j++ {
				pairs <- pair{w*10 + j, j}
			}
		}(w)
	}
	wg.Wait()
	close(pairs)
	<-done
	fmt.Println(len(results), "results")
}
