package main

// corpus: exit-skips-defers
import (
	"fmt"
	"os"
)

func main() {
	defer fmt.Println("deferred cleanup ran")
	fmt.Println("working")
	os.Exit(1)
}
