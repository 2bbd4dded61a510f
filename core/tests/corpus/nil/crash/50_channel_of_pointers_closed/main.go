package main

import "fmt"

type Msg struct{ Body string }

func main() {
	ch := make(chan *Msg)
	close(ch)
	m := <-ch
	fmt.Println(m.Body)
}
