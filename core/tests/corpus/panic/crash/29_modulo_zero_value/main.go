package main

import "fmt"

func bucket(hash int) int {
	var buckets int
	return hash % buckets
}

func main() {
	fmt.Println(bucket(42))
}
