// Greets every user from its own goroutine. Before Go 1.22 the range variable
// is shared by all iterations, so goroutines read it while the loop writes it.
package main

import (
	"fmt"
	"strings"
	"sync"
)

func main() {
	users := []string{"ada", "grace", "linus", "ken", "rob"}
	var wg sync.WaitGroup
	for _, name := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println("hello,", strings.Title(name))
		}()
	}
	wg.Wait()
}
