package main

import "fmt"

func main() {
	var d float64
	fmt.Println(1 / d)
}
