// Every goroutine builds and reports its own index.
package main

import (
	"fmt"
	"strings"
)

func main() {
	docs := []string{"go is fun", "go is fast"}
	sizes := make(chan int)
	for _, d := range docs {
		go func(d string) {
			index := map[string]int{}
			for i, term := range strings.Fields(d) {
				index[term] = i
			}
			sizes <- len(index)
		}(d)
	}
	fmt.Println(<-sizes + <-sizes)
}
