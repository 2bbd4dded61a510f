package main

import "fmt"

type Cache struct {
	data map[int]string
}

func main() {
	c := new(Cache)
	c.data[1] = "one"
	fmt.Println(len(c.data))
}
