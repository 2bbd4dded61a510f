package main

// corpus: exit-skips-defers
import (
	"fmt"
	"log"
	"os"
)

func main() {
	defer fmt.Println("deferred cleanup ran")
	if _, err := os.Stat("/definitely/not/here"); err != nil {
		log.Fatalln("stat:", err)
	}
}
