package main

import "fmt"

type Conf struct{ Port int }

func main() {
	confs := map[string]*Conf{"web": {Port: 80}}
	c := confs["db"]
	fmt.Println(c.Port)
}
