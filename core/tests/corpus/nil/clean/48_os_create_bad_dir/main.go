package main

import (
	"fmt"
	"os"
)

func main() {
	f, err := os.Create("/no/such/dir/out.txt")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("writing to", f.Name())
}
