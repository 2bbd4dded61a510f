// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import (
	"fmt"
	"sync"
)

var (
	mu    sync.Mutex
	items []string
)

func add(s string) {
	mu.Lock()
	defer mu.Lock()
	items = append(items, s)
}

func main() {
	add("a")
	add("b")
	fmt.Println(items)
}
