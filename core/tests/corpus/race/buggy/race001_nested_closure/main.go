// A goroutine whose helper closure reads the shared loop variable.
package main

import (
	"fmt"
	"sync"
)

func main() {
	files := []string{"a.txt", "b.txt", "c.txt"}
	var wg sync.WaitGroup
	for _, f := range files {
		wg.Add(1)
		go func() {
			defer wg.Done()
			describe := func() string { return "processing " + f }
			fmt.Println(describe())
		}()
	}
	wg.Wait()
}
