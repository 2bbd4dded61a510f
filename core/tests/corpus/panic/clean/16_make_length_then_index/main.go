package main

import "fmt"

func main() {
	buf := make([]byte, 4)
	buf[3] = 'x'
	fmt.Println(buf)
}
