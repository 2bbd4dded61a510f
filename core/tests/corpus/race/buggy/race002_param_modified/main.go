// A goroutine scales a parameter that the function then returns.
package main

import (
	"fmt"
	"time"
)

func scale(limit int) int {
	go func() {
		limit = limit * 2
	}()
	time.Sleep(5 * time.Millisecond)
	return limit
}

func main() {
	fmt.Println("limit:", scale(21))
}
