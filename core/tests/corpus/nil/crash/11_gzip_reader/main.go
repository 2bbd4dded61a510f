package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
)

func main() {
	zr, err := gzip.NewReader(bytes.NewReader([]byte("plain text")))
	defer zr.Close()
	fmt.Println(err)
}
