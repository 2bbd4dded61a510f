// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import (
	"fmt"
	"sync"
)

func main() {
	var mu sync.Mutex
	sum := 0
	for i := 0; i < 3; i++ {
		mu.Lock()
		sum += i
	}
	fmt.Println(sum)
}
