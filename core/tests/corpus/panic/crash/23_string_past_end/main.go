package main

import "fmt"

func main() {
	name := "go"
	fmt.Println(name[2])
}
