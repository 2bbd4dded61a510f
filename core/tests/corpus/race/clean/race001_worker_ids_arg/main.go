// Numbered workers get their id as an argument.
package main

import (
	"fmt"
	"sync"
)

func main() {
	jobs := make(chan int)
	var wg sync.WaitGroup
	var mu sync.Mutex
	done := map[int]int{}
	for id := 1; id <= 3; id++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := range jobs {
				mu.Lock()
				done[id] += j
				mu.Unlock()
			}
		}(id)
	}
	for j := 0; j < 10; j++ {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	fmt.Println(len(done) <= 3)
}
