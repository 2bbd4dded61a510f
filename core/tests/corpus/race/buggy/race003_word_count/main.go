// Counts words of every line concurrently into one map.
package main

import (
	"fmt"
	"strings"
	"sync"
)

func main() {
	lines := []string{"the quick brown fox", "jumps over the lazy dog", "the end", "fox and dog"}
	counts := make(map[string]int)
	var wg sync.WaitGroup
	for _, line := range lines {
		wg.Add(1)
		go func(line string) {
			defer wg.Done()
			for _, w := range strings.Fields(line) {
				counts[w]++
			}
		}(line)
	}
	wg.Wait()
	fmt.Println(len(counts), "distinct words")
}
