package main

import (
	"bytes"
	"fmt"
	"sync"
)

var pool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

func main() {
	buf := pool.Get().(*bytes.Buffer)
	buf.WriteString("pooled")
	fmt.Println(buf.String())
	pool.Put(buf)
}
