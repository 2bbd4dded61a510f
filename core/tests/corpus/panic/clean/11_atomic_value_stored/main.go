package main

import (
	"fmt"
	"sync/atomic"
)

type config struct{ port int }

var current atomic.Value

func main() {
	current.Store(&config{port: 80})
	cfg := current.Load().(*config)
	fmt.Println(cfg.port)
}
