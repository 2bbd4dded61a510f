package main

import "fmt"

func double(n *int) int {
	v := *n
	return v * 2
}

func main() {
	fmt.Println(double(nil))
}
