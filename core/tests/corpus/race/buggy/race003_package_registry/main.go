// Plugins register themselves into a package-level map from goroutines.
package main

import (
	"fmt"
	"sync"
)

var registry = map[string]func() string{}

func main() {
	names := []string{"gzip", "zstd", "brotli", "lz4"}
	var wg sync.WaitGroup
	for _, n := range names {
		wg.Add(1)
		go func(n string) {
			defer wg.Done()
			registry[n] = func() string { return n }
		}(n)
	}
	wg.Wait()
	fmt.Println(len(registry), "plugins")
}
