package main

import "fmt"

type Row struct{ ID int }

func lookup(id int) (*Row, error) {
	if id < 0 {
		return nil, nil
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
