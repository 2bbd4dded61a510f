// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import "fmt"

func wait() int {
	results := make(chan int)
	fmt.Println("waiting")
	return <-results
}

func main() {
	fmt.Println(wait())
}
