// The error is read only after the goroutine is waited for.
package main

import (
	"errors"
	"fmt"
	"sync"
)

func upload(name string) error { return errors.New("quota exceeded for " + name) }

func main() {
	var err error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		err = upload("report.pdf")
	}()
	wg.Wait()
	fmt.Println("upload:", err)
}
