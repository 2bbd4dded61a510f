package main

import (
	"context"
	"fmt"
	"sync"
)

func startWorker(ctx context.Context, wg *sync.WaitGroup, in chan int) {
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case v := <-in:
				fmt.Println("got", v)
			}
		}
	}()
}

func main() {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	in := make(chan int)
	startWorker(ctx, &wg, in)
	in <- 1
	cancel()
	wg.Wait()
}
