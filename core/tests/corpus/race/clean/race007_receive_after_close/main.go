package main

import "fmt"

func main() {
	done := make(chan struct{})
	close(done)
	<-done
	fmt.Println("closed channels never block")
}
