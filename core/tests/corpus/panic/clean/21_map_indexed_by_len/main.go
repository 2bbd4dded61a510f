package main

import "fmt"

func main() {
	m := map[int]string{}
	m[len(m)] = "first"
	m[len(m)] = "second"
	fmt.Println(m[1])
}
