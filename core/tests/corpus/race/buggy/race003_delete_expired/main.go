// Expires sessions concurrently with delete on a shared map.
package main

import (
	"fmt"
	"sync"
)

func main() {
	sessions := map[string]int{"a": 1, "b": 2, "c": 3, "d": 4, "e": 5, "f": 6}
	expired := []string{"a", "c", "e", "f"}
	var wg sync.WaitGroup
	for _, id := range expired {
		wg.Add(1)
		go func(id string) {
			defer wg.Done()
			delete(sessions, id)
		}(id)
	}
	wg.Wait()
	fmt.Println(len(sessions), "sessions left")
}
