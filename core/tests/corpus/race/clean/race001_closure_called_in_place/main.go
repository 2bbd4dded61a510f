// Closures run inside the iteration; only the results go to goroutines.
package main

import (
	"fmt"
	"strings"
	"sync"
)

func main() {
	words := []string{"go", "race", "detector"}
	var wg sync.WaitGroup
	results := make([]string, len(words))
	for i, w := range words {
		upper := func() string { return strings.ToUpper(w) }()
		wg.Add(1)
		go func(i int, s string) {
			defer wg.Done()
			results[i] = s
		}(i, upper)
	}
	wg.Wait()
	fmt.Println(results)
}
