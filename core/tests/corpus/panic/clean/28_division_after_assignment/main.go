package main

import "fmt"

func main() {
	d := 0
	d = 4
	fmt.Println(12 / d)
}
