package main

import "fmt"

func average(values []int) int {
	total, count := 0, 0
	for _, v := range values {
		total += v
	}
	return total / count
}

func main() {
	fmt.Println(average([]int{1, 2, 3}))
}
