package main

import (
	"fmt"
	"net"
)

func main() {
	c, err := net.Dial("no-such-network", "x")
	defer c.Close()
	fmt.Println(err)
}
