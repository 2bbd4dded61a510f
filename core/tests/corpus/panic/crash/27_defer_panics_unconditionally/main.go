package main

import "fmt"

func work() {
	defer func() {
		panic("cleanup failed")
	}()
	fmt.Println("working")
}

func main() {
	work()
}
