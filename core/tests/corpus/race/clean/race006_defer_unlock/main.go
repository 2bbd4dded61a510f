package main

import (
	"errors"
	"fmt"
	"sync"
)

type cache struct {
	mu sync.Mutex
	m  map[string]int
}

func (c *cache) get(k string) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	if !ok {
		return 0, errors.New("missing")
	}
	return v, nil
}

func main() {
	c := &cache{m: map[string]int{"a": 1}}
	fmt.Println(c.get("b"))
	fmt.Println(c.get("a"))
}
