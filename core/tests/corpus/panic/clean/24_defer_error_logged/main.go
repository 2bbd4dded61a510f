package main

import (
	"errors"
	"log"
)

func flush() error { return errors.New("disk full") }

func write() {
	defer func() {
		if err := flush(); err != nil {
			log.Print("flush: ", err)
		}
	}()
}

func main() {
	write()
}
