// A helper starts goroutines that add themselves to the caller's WaitGroup.
package main

import (
	"fmt"
	"sync"
	"time"
)

func startAll(wg *sync.WaitGroup, out []string) {
	for i := range out {
		go func(i int) {
			wg.Add(1)
			defer wg.Done()
			time.Sleep(time.Millisecond)
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
	time.Sleep(20 * time.Millisecond)
}
