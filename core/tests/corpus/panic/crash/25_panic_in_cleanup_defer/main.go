package main

import (
	"errors"
	"fmt"
)

func flush() error { return errors.New("disk full") }

func write() {
	defer func() {
		if err := flush(); err != nil {
			panic(err)
		}
	}()
	fmt.Println("writing")
}

func main() {
	write()
}
