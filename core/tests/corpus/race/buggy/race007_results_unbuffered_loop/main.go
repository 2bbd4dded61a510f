// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import "fmt"

func squares(xs []int) []int {
	results := make(chan int)
	for _, x := range xs {
		results <- x * x
	}
	var out []int
	for range xs {
		out = append(out, <-results)
	}
	return out
}

func main() {
	fmt.Println(squares([]int{1, 2, 3}))
}
