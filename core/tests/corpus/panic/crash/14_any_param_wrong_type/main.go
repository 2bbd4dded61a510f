package main

import "fmt"

func describe(x interface{}) string {
	s := x.(fmt.Stringer)
	return s.String()
}

func main() {
	fmt.Println(describe(42))
}
