package main

import "log"

func logPanic() {
	if r := recover(); r != nil {
		log.Print("recovered: ", r)
	}
}

func main() {
	defer logPanic()
	panic("boom")
}
