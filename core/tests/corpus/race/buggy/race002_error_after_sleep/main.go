// Uploads in the background and checks the error after a fixed delay.
package main

import (
	"errors"
	"fmt"
	"time"
)

func upload(name string) error {
	if name == "" {
		return errors.New("empty name")
	}
	return errors.New("quota exceeded for " + name)
}

func main() {
	var err error
	go func() {
		err = upload("report.pdf")
	}()
	time.Sleep(20 * time.Millisecond)
	if err != nil {
		fmt.Println("upload failed:", err)
	}
}
