// A value initialised once, read after all goroutines are waited for.
package main

import (
	"fmt"
	"sync"
)

func main() {
	var once sync.Once
	var conn string
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			once.Do(func() { conn = fmt.Sprint("conn-", 42) })
		}(i)
	}
	wg.Wait()
	fmt.Println(conn)
}
