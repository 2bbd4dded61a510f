// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import (
	"fmt"
	"sync"
)

var mu sync.Mutex
var log []string

func record(kind int, msg string) {
	switch kind {
	case 1:
		mu.Lock()
		if msg == "" {
			break
		}
		log = append(log, msg)
		mu.Unlock()
	}
}

func main() {
	record(1, "")
	record(1, "x")
	fmt.Println(log)
}
