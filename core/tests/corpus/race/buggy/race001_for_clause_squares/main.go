// Computes squares concurrently; the three-clause loop variable i is shared.
package main

import "fmt"

func main() {
	const n = 6
	squares := make(chan int, n)
	for i := 0; i < n; i++ {
		go func() {
			squares <- i * i
		}()
	}
	sum := 0
	for k := 0; k < n; k++ {
		sum += <-squares
	}
	fmt.Println("sum of squares:", sum)
}
