package main

import (
	"errors"
	"fmt"
)

type Config struct{ Name string }

func load(name string) (*Config, error) {
	if name == "" {
		return nil, errors.New("empty name")
	}
	return &Config{Name: name}, nil
}

func main() {
	c, err := load("")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Name)
}
