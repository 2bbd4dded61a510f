// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
)

var wg sync.WaitGroup

func handle(parent context.Context, input string) error {
	ctx, cancel := context.WithCancel(parent)
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-ctx.Done()
	}()
	if input == "" {
		return errors.New("empty input")
	}
	defer cancel()
	fmt.Println("handled", input)
	return nil
}

func main() {
	fmt.Println(handle(context.Background(), ""))
	wg.Wait()
}
