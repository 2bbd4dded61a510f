package main

import "fmt"

func run(f func()) (err error) {
	defer func() {
		err = recover().(error)
	}()
	f()
	return nil
}

func main() {
	fmt.Println(run(func() { panic("oops") }))
}
