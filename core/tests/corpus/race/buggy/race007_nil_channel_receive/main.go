// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import "fmt"

func main() {
	var done chan struct{}
	fmt.Println("start")
	<-done
	fmt.Println("end")
}
