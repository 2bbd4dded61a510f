package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	total := 0
	for _, v := range []int{1, -2, 3} {
		mu.Lock()
		if v < 0 {
			mu.Unlock()
			continue
		}
		total += v
		mu.Unlock()
	}
	fmt.Println(total)
}
