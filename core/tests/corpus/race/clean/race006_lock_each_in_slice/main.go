package main

import (
	"fmt"
	"sync"
)

func main() {
	mus := make([]*sync.Mutex, 3)
	for i := range mus {
		mus[i] = &sync.Mutex{}
	}
	for _, m := range mus {
		m.Lock()
	}
	fmt.Println("all locked")
	for _, m := range mus {
		m.Unlock()
	}
}
