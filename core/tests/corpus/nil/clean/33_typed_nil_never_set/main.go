package main

import "fmt"

type NotFound struct{ Key string }

func (e *NotFound) Error() string { return "not found: " + e.Key }

func find(key string) *NotFound {
	var nf *NotFound
	fmt.Println("looking up", key)
	return nf
}

func main() {
	if nf := find("k"); nf != nil {
		fmt.Println(nf)
	}
}
