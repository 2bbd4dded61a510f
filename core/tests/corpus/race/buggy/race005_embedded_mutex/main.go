// An embedded mutex with value receivers guards nothing.
package main

import (
	"fmt"
	"sync"
)

type SafeMap struct {
	sync.Mutex
	m map[int]int
}

func (s SafeMap) Set(k, v int) {
	s.Lock()
	s.m[k] = v
	s.Unlock()
}

func main() {
	s := SafeMap{m: map[int]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			s.Set(i, i*i)
		}(i)
	}
	wg.Wait()
	fmt.Println(len(s.m))
}
