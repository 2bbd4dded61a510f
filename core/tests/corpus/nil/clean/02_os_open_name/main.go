package main

import (
	"fmt"
	"os"
)

func main() {
	f, err := os.Open("/definitely/not/here.txt")
	defer f.Close() // *os.File methods other than Name accept nil
	if err != nil {
		fmt.Println("open failed:", err)
		return
	}
	fmt.Println(f.Name())
}
