// A helper counts its goroutines on the caller's WaitGroup before starting them.
package main

import (
	"fmt"
	"sync"
)

func startAll(wg *sync.WaitGroup, out []string) {
	for i := range out {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			out[i] = fmt.Sprint("task-", i)
		}(i)
	}
}

func main() {
	var wg sync.WaitGroup
	out := make([]string, 4)
	startAll(&wg, out)
	wg.Wait()
	fmt.Println(out)
}
