// Range values are copies: each goroutine locks its own copy of the mutex.
package main

import (
	"fmt"
	"sync"
)

type Account struct {
	mu      sync.Mutex
	balance *int
}

func main() {
	b1, b2 := 100, 200
	accounts := []Account{{balance: &b1}, {balance: &b2}}
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, a := range accounts {
				a.mu.Lock()
				*a.balance += 10
				a.mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println(b1, b2)
}
