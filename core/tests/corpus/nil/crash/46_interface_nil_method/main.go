package main

import "fmt"

type Greeter interface{ Greet() string }

func main() {
	var g Greeter
	fmt.Println(g.Greet())
}
