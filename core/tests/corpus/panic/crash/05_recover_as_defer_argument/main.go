package main

import "fmt"

func main() {
	defer fmt.Println("recovered:", recover())
	panic("boom")
}
