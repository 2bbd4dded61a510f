package main

import "fmt"

type Greeter interface{ Greet() string }

type en struct{}

func (en) Greet() string { return "hello" }

func main() {
	var g Greeter = en{}
	fmt.Println(g.Greet())
}
