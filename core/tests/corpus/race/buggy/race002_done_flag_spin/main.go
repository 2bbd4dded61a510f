// Spins on a plain bool that a goroutine sets when it finishes.
package main

import (
	"fmt"
	"time"
)

func main() {
	done := false
	go func() {
		time.Sleep(2 * time.Millisecond)
		done = true
	}()
	for !done {
		time.Sleep(time.Millisecond)
	}
	fmt.Println("finished")
}
