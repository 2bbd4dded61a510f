package main

import "fmt"

type Job struct{ Name string }

func main() {
	jobs := []*Job{{Name: "a"}, nil, {Name: "c"}}
	for _, j := range jobs {
		if j == nil {
			fmt.Println("skipping empty job")
		}
		fmt.Println(j.Name)
	}
}
