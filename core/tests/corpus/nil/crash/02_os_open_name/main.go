package main

import (
	"fmt"
	"os"
)

func main() {
	f, err := os.Open("/definitely/not/here.txt")
	name := f.Name()
	if err != nil {
		fmt.Println("open failed:", err)
		return
	}
	fmt.Println(name)
}
