package main

import (
	"fmt"
	"sync"
)

var cache sync.Map

func lookup(key string) int {
	v, ok := cache.Load(key)
	if !ok {
		return -1
	}
	return v.(int)
}

func main() {
	cache.Store("a", 1)
	fmt.Println(lookup("a"), lookup("b"))
}
