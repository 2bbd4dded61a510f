// The loop variable is passed to the goroutine as an argument.
package main

import "fmt"

func main() {
	const n = 6
	squares := make(chan int, n)
	for i := 0; i < n; i++ {
		go func(i int) {
			squares <- i * i
		}(i)
	}
	sum := 0
	for k := 0; k < n; k++ {
		sum += <-squares
	}
	fmt.Println("sum of squares:", sum)
}
