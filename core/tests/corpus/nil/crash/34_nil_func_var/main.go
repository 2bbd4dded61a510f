package main

import "fmt"

func main() {
	var onDone func(int)
	total := 0
	for i := 0; i < 3; i++ {
		total += i
	}
	onDone(total)
	fmt.Println(total)
}
