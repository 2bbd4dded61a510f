// Ranges over indexes and locks each element in place.
package main

import (
	"fmt"
	"sync"
)

type Account struct {
	mu      sync.Mutex
	balance int
}

func main() {
	accounts := []Account{{balance: 100}, {balance: 200}}
	var wg sync.WaitGroup
	for g := 0; g < 2; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range accounts {
				a := &accounts[i]
				a.mu.Lock()
				a.balance += 10
				a.mu.Unlock()
			}
		}()
	}
	wg.Wait()
	fmt.Println(accounts[0].balance, accounts[1].balance)
}
