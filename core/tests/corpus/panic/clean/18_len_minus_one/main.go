package main

import "fmt"

func last(s []int) int {
	return s[len(s)-1]
}

func main() {
	fmt.Println(last([]int{1, 2, 3}))
}
