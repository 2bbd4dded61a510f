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
	defer cancel()
	wg.Add(1)
	go func() {
		defer wg.Done()
		<-ctx.Done()
	}()
	if input == "" {
		return errors.New("empty input")
	}
	fmt.Println("handled", input)
	return nil
}

func main() {
	fmt.Println(handle(context.Background(), ""))
	fmt.Println(handle(context.Background(), "x"))
	wg.Wait()
}
