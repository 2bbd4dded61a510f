package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	jobs := []func() int{nil}
	go func() {
		defer wg.Done()
		fmt.Println(jobs[0]())
	}()
	wg.Wait()
}
