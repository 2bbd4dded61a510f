package main

import "fmt"

func recoverAndLog() {
	if r := recover(); r != nil {
		fmt.Println("recovered:", r)
	}
}

func cleanup() {
	fmt.Println("cleaning up")
	recoverAndLog()
}

func main() {
	defer cleanup()
	panic("boom")
}
