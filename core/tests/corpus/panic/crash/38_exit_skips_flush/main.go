package main

// corpus: exit-skips-defers
import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	defer fmt.Println("deferred cleanup ran")
	fmt.Fprintln(w, "buffered output that is lost")
	if len(os.Args) < 5 {
		os.Exit(3)
	}
}
