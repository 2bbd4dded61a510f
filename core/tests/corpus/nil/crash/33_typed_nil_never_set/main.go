package main

import "fmt"

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

func find(key string) error {
	var nf *NotFound
	fmt.Println("looking up", key)
	return nf
}

func main() {
	if err := find("k"); err != nil {
		fmt.Println("failed: " + err.Error())
	}
}
