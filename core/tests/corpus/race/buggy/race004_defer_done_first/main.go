// The goroutine defers Done and then adds: still after Wait may have run.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var wg sync.WaitGroup
	sizes := make([]int, 3)
	names := []string{"small.bin", "medium.bin", "large.bin"}
	for i, n := range names {
		go func(i int, n string) {
			defer wg.Done()
			wg.Add(1)
			time.Sleep(time.Millisecond)
			sizes[i] = len(n)
		}(i, n)
	}
	wg.Wait()
	fmt.Println(sizes)
	time.Sleep(20 * time.Millisecond)
}
