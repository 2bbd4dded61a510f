package main

import "time"

func main() {
	defer func() {
		go func() {
			recover()
		}()
		time.Sleep(10 * time.Millisecond)
	}()
	panic("boom")
}
