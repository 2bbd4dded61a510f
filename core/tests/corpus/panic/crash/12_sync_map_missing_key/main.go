package main

import (
	"fmt"
	"sync"
)

var cache sync.Map

func lookup(key string) int {
	v, _ := cache.Load(key)
	return v.(int)
}

func main() {
	cache.Store("a", 1)
	fmt.Println(lookup("b"))
}
