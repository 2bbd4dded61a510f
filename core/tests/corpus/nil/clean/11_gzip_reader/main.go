package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
)

func main() {
	zr, err := gzip.NewReader(bytes.NewReader([]byte("plain text")))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer zr.Close()
}
