package main

import (
	"fmt"
	"net"
)

func main() {
	l, err := net.Listen("no-such-network", "x")
	addr := l.Addr()
	fmt.Println(addr, err)
}
