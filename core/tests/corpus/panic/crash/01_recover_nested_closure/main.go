package main

import "fmt"

func main() {
	defer func() {
		func() {
			if r := recover(); r != nil {
				fmt.Println("recovered:", r)
			}
		}()
	}()
	panic("boom")
}
