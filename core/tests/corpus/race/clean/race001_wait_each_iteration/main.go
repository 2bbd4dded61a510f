// Every iteration waits for its goroutine before the loop moves on.
package main

import "fmt"

func process(s string) string { return "[" + s + "]" }

func main() {
	items := []string{"x", "y", "z"}
	for _, it := range items {
		done := make(chan string)
		go func() {
			done <- process(it)
		}()
		fmt.Println(<-done)
	}
}
