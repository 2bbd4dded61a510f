// Runs tasks concurrently and remembers the last error seen.
package main

import (
	"errors"
	"fmt"
	"sync"
)

func main() {
	tasks := []func() error{
		func() error { return errors.New("disk full") },
		func() error { return errors.New("timeout") },
		func() error { return errors.New("refused") },
	}
	var lastErr error
	var wg sync.WaitGroup
	for _, t := range tasks {
		wg.Add(1)
		go func(t func() error) {
			defer wg.Done()
			if err := t(); err != nil {
				lastErr = err
			}
		}(t)
	}
	wg.Wait()
	fmt.Println("last error:", lastErr)
}
