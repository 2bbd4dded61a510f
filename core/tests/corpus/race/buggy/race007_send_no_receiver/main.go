// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import "fmt"

func main() {
	ch := make(chan int)
	ch <- 1
	fmt.Println(<-ch)
}
