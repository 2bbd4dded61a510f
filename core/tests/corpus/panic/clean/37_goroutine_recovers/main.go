package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer func() {
			if r := recover(); r != nil {
				fmt.Println("worker recovered:", r)
			}
		}()
		panic("worker failed")
	}()
	wg.Wait()
}
