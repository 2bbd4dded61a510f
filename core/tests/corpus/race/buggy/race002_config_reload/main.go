// Reloads configuration in the background while the main path reads it.
package main

import (
	"fmt"
	"strings"
	"time"
)

func load() string { return strings.Repeat("v2;", 3) }

func main() {
	config := "v1"
	go func() {
		config = load()
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("serving with config", config)
}
