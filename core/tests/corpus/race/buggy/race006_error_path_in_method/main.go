// corpus: deadlock (verified by a build without -race: the race runtime hides deadlocks)
package main

import (
	"fmt"
	"strconv"
	"sync"
)

type parser struct {
	mu     sync.Mutex
	parsed []int
}

func (p *parser) parse(s string) error {
	p.mu.Lock()
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("parse %q: %w", s, err)
	}
	p.parsed = append(p.parsed, n)
	p.mu.Unlock()
	return nil
}

func main() {
	p := &parser{}
	fmt.Println(p.parse("x"))
	fmt.Println(p.parse("1"))
}
