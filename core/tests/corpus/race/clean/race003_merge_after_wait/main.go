// Each goroutine fills its own map; the maps are merged after Wait.
package main

import (
	"fmt"
	"strings"
	"sync"
)

func main() {
	docs := []string{"a b a", "b c", "c c a"}
	partial := make([]map[string]int, len(docs))
	var wg sync.WaitGroup
	for i, d := range docs {
		wg.Add(1)
		go func(i int, d string) {
			defer wg.Done()
			local := map[string]int{}
			for _, w := range strings.Fields(d) {
				local[w]++
			}
			partial[i] = local
		}(i, d)
	}
	wg.Wait()
	total := map[string]int{}
	for _, p := range partial {
		for k, v := range p {
			total[k] += v
		}
	}
	fmt.Println(total)
}
