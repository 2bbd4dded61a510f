// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import (
	"context"
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	ctx, _ := context.WithCancel(context.Background())
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-ctx.Done()
		fmt.Println("stopped")
	}()
	wg.Wait()
}
