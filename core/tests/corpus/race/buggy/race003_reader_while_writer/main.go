// A background goroutine fills a map while the main path reads it.
package main

import (
	"fmt"
	"time"
)

func main() {
	prices := map[string]float64{"apple": 1.2}
	go func() {
		for i := 0; i < 100; i++ {
			prices[fmt.Sprint("item", i)] = float64(i)
		}
	}()
	time.Sleep(time.Millisecond)
	total := 0.0
	for i := 0; i < 100; i++ {
		total += prices["apple"]
	}
	fmt.Println("total:", total)
	time.Sleep(5 * time.Millisecond)
}
