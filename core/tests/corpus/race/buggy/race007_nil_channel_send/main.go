// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import "fmt"

func main() {
	var out chan int
	fmt.Println("sending")
	out <- 1
}
