// Starts numbered workers; the worker id is the shared loop variable.
package main

import (
	"fmt"
	"sync"
)

func worker(id int, jobs <-chan int, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		_ = j * id
	}
}

func main() {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for id := 1; id <= 4; id++ {
		wg.Add(1)
		go func() {
			worker(id, jobs, &wg)
		}()
	}
	for j := 0; j < 20; j++ {
		jobs <- j
	}
	close(jobs)
	wg.Wait()
	fmt.Println("all workers done")
}
