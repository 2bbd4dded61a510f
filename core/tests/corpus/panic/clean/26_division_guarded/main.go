package main

import "fmt"

func main() {
	n := 0
	if n != 0 {
		fmt.Println(10 / n)
	}
	fmt.Println("skipped")
}
