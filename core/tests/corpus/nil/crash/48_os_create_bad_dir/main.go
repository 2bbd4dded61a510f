package main

import (
	"fmt"
	"os"
)

func main() {
	f, err := os.Create("/no/such/dir/out.txt")
	fmt.Println("writing to", f.Name())
	if err != nil {
		fmt.Println(err)
	}
}
