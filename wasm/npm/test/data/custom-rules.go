// Findings of the documented custom rules (docs/custom-rules/), for the
// wasm/CLI parity test. Not a Go package of the repository's modules.
package data

import (
	"net/http"
	"sync"
)

func fetchAll(urls []string) {
	var wg sync.WaitGroup
	results := make(chan int, len(urls))
	for _, u := range urls {
		wg.Add(1)
		go func() {
			resp, err := http.Get(u)
			if err == nil {
				resp.Body.Close()
			}
			wg.Done()
		}()
	}
	wg.Wait()
	close(results)
	if len(urls) == 0 {
		results <- 0
	}
}

func guard() {
	defer func() { recover() }()
	defer func() {
		if r := recover(); r != nil {
			panic(r)
		}
	}()
}
