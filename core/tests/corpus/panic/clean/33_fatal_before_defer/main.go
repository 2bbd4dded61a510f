package main

import (
	"fmt"
	"log"
	"os"
)

func main() {
	if len(os.Args) > 5 {
		log.Fatal("too many arguments")
	}
	defer fmt.Println("deferred cleanup ran")
	fmt.Println("working")
}
