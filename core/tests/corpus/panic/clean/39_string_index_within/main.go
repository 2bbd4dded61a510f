package main

import "fmt"

func main() {
	name := "gopher"
	fmt.Println(name[5], name[:6])
}
