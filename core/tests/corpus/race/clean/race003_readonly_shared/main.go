// Goroutines only read a map filled before they start.
package main

import (
	"fmt"
	"sync"
)

func main() {
	prices := map[string]int{"apple": 3, "pear": 4, "plum": 5}
	names := []string{"apple", "plum", "kiwi"}
	totals := make([]int, len(names))
	var wg sync.WaitGroup
	for i, n := range names {
		wg.Add(1)
		go func(i int, n string) {
			defer wg.Done()
			totals[i] = prices[n] * 2
		}(i, n)
	}
	wg.Wait()
	fmt.Println(totals)
}
