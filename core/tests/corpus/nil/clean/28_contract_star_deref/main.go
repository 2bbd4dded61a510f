package main

import "fmt"

func double(n *int) int {
	if n == nil {
		return 0
	}
	return *n * 2
}

func main() {
	fmt.Println(double(nil))
}
