package main

import "fmt"

func main() {
	var samples []int
	total := 100
	fmt.Println(total / len(samples))
}
