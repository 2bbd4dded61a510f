package main

import "fmt"

type Conf struct{ Port int }

func main() {
	confs := map[string]*Conf{"web": {Port: 80}}
	if c, ok := confs["db"]; ok {
		fmt.Println(c.Port)
	}
}
