package main

import "fmt"

func main() {
	var onDone func(int)
	total := 3
	if onDone != nil {
		onDone(total)
	}
	onDone = func(n int) { fmt.Println("done", n) }
	onDone(total)
}
