package main

import "fmt"

func main() {
	parts := []string{"host", "port"}
	fmt.Println(parts[0], parts[1], parts[2])
}
