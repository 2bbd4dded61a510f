package main

import (
	"fmt"
	"sync"
)

type account struct {
	mu      sync.Mutex
	balance int
}

func transfer(from, to *account, n int) {
	from.mu.Lock()
	to.mu.Lock()
	from.balance -= n
	to.balance += n
	to.mu.Unlock()
	from.mu.Unlock()
}

func main() {
	a, b := &account{balance: 10}, &account{}
	transfer(a, b, 3)
	fmt.Println(a.balance, b.balance)
}
