// A closed channel orders the goroutine's write before the read.
package main

import (
	"fmt"
	"strings"
)

func main() {
	config := "v1"
	done := make(chan struct{})
	go func() {
		config = strings.Repeat("v2;", 2)
		close(done)
	}()
	<-done
	fmt.Println("config:", config)
}
