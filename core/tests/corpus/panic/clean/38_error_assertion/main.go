package main

import (
	"errors"
	"fmt"
	"os"
)

func main() {
	_, err := os.Open("/definitely/not/here")
	var pathErr *os.PathError
	if errors.As(err, &pathErr) {
		fmt.Println(err.(*os.PathError).Op)
	}
}
