package main

import "fmt"

func safely(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("panic: %v", r)
			}
		}
	}()
	f()
	return nil
}

func main() {
	fmt.Println(safely(func() { panic("not an error value") }))
}
