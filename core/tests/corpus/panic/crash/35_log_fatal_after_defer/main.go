package main

// corpus: exit-skips-defers
import (
	"errors"
	"fmt"
	"log"
)

func main() {
	defer fmt.Println("deferred cleanup ran")
	if err := errors.New("config missing"); err != nil {
		log.Fatal(err)
	}
}
