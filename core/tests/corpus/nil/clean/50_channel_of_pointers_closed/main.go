package main

import "fmt"

type Msg struct{ Body string }

func main() {
	ch := make(chan *Msg)
	close(ch)
	if m, ok := <-ch; ok {
		fmt.Println(m.Body)
	}
}
