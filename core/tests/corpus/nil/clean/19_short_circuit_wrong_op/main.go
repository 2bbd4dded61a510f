package main

import "fmt"

type Item struct{ Count int }

func empty(it *Item) bool {
	return it == nil || it.Count == 0
}

func main() {
	fmt.Println(empty(nil))
}
