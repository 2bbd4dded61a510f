package main

import "fmt"

type Inner struct{ V int }

type Outer struct{ in *Inner }

func main() {
	o := Outer{}
	fmt.Println(o.in.V)
}
