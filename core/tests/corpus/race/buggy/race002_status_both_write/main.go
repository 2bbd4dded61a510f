// Both the goroutine and the main path update a status string.
package main

import (
	"fmt"
	"time"
)

func main() {
	status := "starting"
	go func() {
		time.Sleep(time.Millisecond)
		status = "running"
	}()
	time.Sleep(5 * time.Millisecond)
	status = "stopping"
	fmt.Println("status:", status)
	time.Sleep(5 * time.Millisecond)
}
