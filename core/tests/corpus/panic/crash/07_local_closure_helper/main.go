package main

import "fmt"

func main() {
	report := func() {
		if r := recover(); r != nil {
			fmt.Println("recovered:", r)
		}
	}
	defer func() {
		report()
	}()
	panic("boom")
}
