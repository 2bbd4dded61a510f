// Word counts guarded by a mutex.
package main

import (
	"fmt"
	"strings"
	"sync"
)

func main() {
	lines := []string{"the quick brown fox", "jumps over the lazy dog", "the end"}
	counts := make(map[string]int)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, line := range lines {
		wg.Add(1)
		go func(line string) {
			defer wg.Done()
			for _, w := range strings.Fields(line) {
				mu.Lock()
				counts[w]++
				mu.Unlock()
			}
		}(line)
	}
	wg.Wait()
	fmt.Println(len(counts), "distinct words")
}
