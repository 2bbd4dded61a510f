package main

// corpus: exit-skips-defers
import (
	"fmt"
	"log"
	"strconv"
)

func parse(s string) int {
	defer fmt.Println("deferred cleanup ran")
	n, err := strconv.Atoi(s)
	if err != nil {
		log.Fatalf("bad number %q: %v", s, err)
	}
	return n
}

func main() {
	fmt.Println(parse("x"))
}
