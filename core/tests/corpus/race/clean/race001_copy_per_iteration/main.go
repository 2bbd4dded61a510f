// Each iteration copies the range variable before starting its goroutine.
package main

import (
	"fmt"
	"sync"
)

func main() {
	users := []string{"ada", "grace", "linus", "ken"}
	var wg sync.WaitGroup
	for _, name := range users {
		name := name
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println("hello,", name)
		}()
	}
	wg.Wait()
}
