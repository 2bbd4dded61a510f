package main

import "fmt"

func run(jobs []string) {
	done := make(chan struct{})
	go func() {
		defer close(done)
		for _, j := range jobs {
			fmt.Println("job", j)
		}
	}()
	<-done
}

func main() {
	run([]string{"a", "b"})
}
