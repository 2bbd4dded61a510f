package main

import (
	"fmt"
	"net"
)

func main() {
	c, err := net.Dial("no-such-network", "x")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer c.Close()
}
