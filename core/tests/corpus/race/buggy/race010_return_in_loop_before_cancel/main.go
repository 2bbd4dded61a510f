// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import (
	"context"
	"fmt"
	"sync"
)

var watchers sync.WaitGroup

func process(parent context.Context, items []int) int {
	ctx, cancel := context.WithCancel(parent)
	watchers.Add(1)
	go func() {
		defer watchers.Done()
		<-ctx.Done()
	}()
	sum := 0
	for _, it := range items {
		if it < 0 {
			return -1
		}
		sum += it
	}
	cancel()
	return sum
}

func main() {
	fmt.Println(process(context.Background(), []int{1, -1}))
	watchers.Wait()
}
