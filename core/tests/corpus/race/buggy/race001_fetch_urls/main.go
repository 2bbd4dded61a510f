// Simulated fetcher: each goroutine "downloads" a URL and reports its size.
package main

import (
	"fmt"
	"time"
)

type result struct {
	url  string
	size int
}

func fetch(url string) int {
	time.Sleep(time.Millisecond)
	return len(url) * 100
}

func main() {
	urls := []string{"https://a.example", "https://bb.example", "https://ccc.example"}
	results := make(chan result)
	for _, u := range urls {
		go func() {
			results <- result{url: u, size: fetch(u)}
		}()
	}
	for range urls {
		r := <-results
		fmt.Printf("%s: %d bytes\n", r.url, r.size)
	}
}
