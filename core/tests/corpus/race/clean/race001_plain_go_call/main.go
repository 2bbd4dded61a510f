// A go statement calling a named function evaluates its arguments at once.
package main

import (
	"fmt"
	"sync"
)

func greet(name string, wg *sync.WaitGroup) {
	defer wg.Done()
	fmt.Println("hi", name)
}

func main() {
	var wg sync.WaitGroup
	for _, n := range []string{"a", "b", "c"} {
		wg.Add(1)
		go greet(n, &wg)
	}
	wg.Wait()
}
