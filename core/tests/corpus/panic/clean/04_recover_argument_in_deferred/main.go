package main

import "fmt"

func main() {
	defer func() {
		defer fmt.Println("recovered:", recover())
	}()
	panic("boom")
}
