package main

import "fmt"

func main() {
	x := 10
	d := 0
	x /= d
	fmt.Println(x)
}
