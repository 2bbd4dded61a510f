// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import "fmt"

func main() {
	events := make(chan string)
	for e := range events {
		fmt.Println(e)
	}
}
