package main

import (
	"fmt"
	"os"
)

func main() {
	items := []string{"a", "b"}
	i := len(os.Args) + 2
	fmt.Println(items[i])
}
