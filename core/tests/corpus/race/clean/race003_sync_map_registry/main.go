// Plugins register into a sync.Map.
package main

import (
	"fmt"
	"sync"
)

var registry sync.Map

func main() {
	var wg sync.WaitGroup
	for _, n := range []string{"gzip", "zstd", "lz4"} {
		wg.Add(1)
		go func(n string) {
			defer wg.Done()
			registry.Store(n, len(n))
		}(n)
	}
	wg.Wait()
	count := 0
	registry.Range(func(_, _ any) bool { count++; return true })
	fmt.Println(count, "plugins")
}
