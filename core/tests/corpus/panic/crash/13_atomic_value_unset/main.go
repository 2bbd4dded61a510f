package main

import (
	"fmt"
	"sync/atomic"
)

type config struct{ port int }

var current atomic.Value

func main() {
	cfg := current.Load().(*config)
	fmt.Println(cfg.port)
}
