// Counts bytes of every chunk from its own goroutine into one variable.
package main

import (
	"fmt"
	"sync"
)

func main() {
	chunks := [][]byte{[]byte("alpha"), []byte("beta"), []byte("gamma"), []byte("delta")}
	total := 0
	var wg sync.WaitGroup
	for _, c := range chunks {
		wg.Add(1)
		go func(c []byte) {
			defer wg.Done()
			total += len(c)
		}(c)
	}
	wg.Wait()
	fmt.Println("total bytes:", total)
}
