package main

import "fmt"

func main() {
	var names []string
	if len(names) > 0 {
		fmt.Println(names[0])
	}
	fmt.Println("done")
}
