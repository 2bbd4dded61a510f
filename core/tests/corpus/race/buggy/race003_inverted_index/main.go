// Indexes documents concurrently into an inverted index.
package main

import (
	"fmt"
	"strings"
	"sync"
)

type Index struct {
	postings map[string][]int
}

func (ix *Index) Build(docs []string) {
	var wg sync.WaitGroup
	for id, doc := range docs {
		wg.Add(1)
		go func(id int, doc string) {
			defer wg.Done()
			for _, term := range strings.Fields(doc) {
				ix.postings[term] = append(ix.postings[term], id)
			}
		}(id, doc)
	}
	wg.Wait()
}

func main() {
	ix := &Index{postings: map[string][]int{}}
	ix.Build([]string{"go is fun", "rust is fast", "go is fast", "fun and fast"})
	fmt.Println(len(ix.postings), "terms")
}
