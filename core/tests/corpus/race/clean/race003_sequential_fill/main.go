// The map is filled by a goroutine that the main path waits for first.
package main

import "fmt"

func main() {
	prices := map[string]float64{}
	done := make(chan bool)
	go func() {
		for i := 0; i < 10; i++ {
			prices[fmt.Sprint("item", i)] = float64(i)
		}
		done <- true
	}()
	<-done
	fmt.Println(len(prices), "prices")
}
