package main

import (
	"errors"
	"fmt"
)

type Row struct{ ID int }

var errNotFound = errors.New("not found")

func lookup(id int) (*Row, error) {
	if id < 0 {
		return nil, errNotFound
	}
	return &Row{ID: id}, nil
}

func main() {
	r, err := lookup(-1)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(r.ID)
}
