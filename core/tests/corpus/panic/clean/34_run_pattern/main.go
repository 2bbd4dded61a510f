package main

import (
	"fmt"
	"os"
)

func run() error {
	defer fmt.Println("deferred cleanup ran")
	return nil
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
