package main

import "fmt"

func risky() {
	defer func() {
		recover()
	}()
	panic("ignored")
}

func main() {
	risky()
	fmt.Println("still running")
}
