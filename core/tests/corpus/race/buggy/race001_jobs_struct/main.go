// Runs jobs concurrently; the range value job is one variable for the loop.
package main

import (
	"fmt"
	"sync"
)

type Job struct {
	ID      int
	Payload string
}

func (j Job) Run() string { return fmt.Sprintf("job %d: %s", j.ID, j.Payload) }

func main() {
	jobs := []Job{{1, "resize"}, {2, "encode"}, {3, "upload"}, {4, "notify"}}
	var mu sync.Mutex
	var log []string
	var wg sync.WaitGroup
	for _, job := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			line := job.Run()
			mu.Lock()
			log = append(log, line)
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println(len(log), "jobs ran")
}
