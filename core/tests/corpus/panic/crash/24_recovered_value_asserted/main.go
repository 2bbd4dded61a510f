package main

import "fmt"

func safely(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = r.(error)
		}
	}()
	f()
	return nil
}

func main() {
	fmt.Println(safely(func() { panic("not an error value") }))
}
