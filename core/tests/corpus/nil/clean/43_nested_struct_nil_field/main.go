package main

import "fmt"

type Inner struct{ V int }

type Outer struct{ in *Inner }

func main() {
	o := Outer{in: &Inner{V: 2}}
	fmt.Println(o.in.V)
}
