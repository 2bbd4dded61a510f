// Results travel over a channel instead of a shared variable.
package main

import "fmt"

func square(n int) int { return n * n }

func main() {
	results := make(chan int)
	for n := 1; n <= 5; n++ {
		go func(n int) { results <- square(n) }(n)
	}
	sum := 0
	for i := 0; i < 5; i++ {
		sum += <-results
	}
	fmt.Println("sum:", sum)
}
