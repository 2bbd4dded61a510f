// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import "fmt"

func run(jobs []string) {
	done := make(chan struct{})
	for _, j := range jobs {
		fmt.Println("job", j)
	}
	<-done
}

func main() {
	run([]string{"a", "b"})
}
