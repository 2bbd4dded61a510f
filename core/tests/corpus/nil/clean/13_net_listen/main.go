package main

import (
	"fmt"
	"net"
)

func main() {
	l, err := net.Listen("no-such-network", "x")
	if err != nil {
		fmt.Println("listen:", err)
		return
	}
	fmt.Println(l.Addr())
}
