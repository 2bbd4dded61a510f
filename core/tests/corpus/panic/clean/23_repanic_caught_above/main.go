package main

import "fmt"

func inner() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("cleaning up after", r)
			panic(r)
		}
	}()
	panic("boom")
}

func main() {
	defer func() {
		if r := recover(); r != nil {
			fmt.Println("recovered at the top:", r)
		}
	}()
	inner()
}
