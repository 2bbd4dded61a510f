package main

import (
	"errors"
	"fmt"
)

type Conn struct{ id int }

type Pool struct{ free []*Conn }

func (p *Pool) get() (*Conn, error) {
	if len(p.free) == 0 {
		return nil, errors.New("pool empty")
	}
	c := p.free[0]
	p.free = p.free[1:]
	return c, nil
}

func main() {
	p := &Pool{}
	c, err := p.get()
	id := c.id
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(id)
}
