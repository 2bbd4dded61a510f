package main

import "fmt"

func main() {
	names := []string{}
	fmt.Println("first:", names[0])
}
