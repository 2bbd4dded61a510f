// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import "fmt"

func main() {
	fmt.Println("serving")
	select {}
}
