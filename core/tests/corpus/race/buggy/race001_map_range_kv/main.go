// Publishes every setting from its own goroutine; k and v are shared.
package main

import (
	"fmt"
	"sync"
)

func publish(key, value string, out *sync.Map) { out.Store(key, value) }

func main() {
	settings := map[string]string{"region": "eu", "tier": "gold", "zone": "b", "mode": "fast"}
	var published sync.Map
	var wg sync.WaitGroup
	for k, v := range settings {
		wg.Add(1)
		go func() {
			defer wg.Done()
			publish(k, v, &published)
		}()
	}
	wg.Wait()
	n := 0
	published.Range(func(_, _ any) bool { n++; return true })
	fmt.Println("published", n, "settings")
}
