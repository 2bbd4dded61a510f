package main

import "fmt"

func main() {
	buf := make([]byte, 0, 16)
	buf[0] = 'x'
	fmt.Println(string(buf))
}
