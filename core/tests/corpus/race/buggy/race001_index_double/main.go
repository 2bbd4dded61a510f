// Doubles every element in parallel, indexing with the shared loop variable.
package main

import (
	"fmt"
	"sync"
)

func main() {
	data := []int{1, 2, 3, 4, 5, 6, 7, 8}
	out := make([]int, len(data))
	var wg sync.WaitGroup
	for i := range data {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if i < len(out) {
				out[i] = data[i] * 2
			}
		}()
	}
	wg.Wait()
	fmt.Println(out)
}
