package main

import "fmt"

type Token struct{ Kind string }

func kind(t *Token, fallback bool) string {
	if t != nil && t.Kind == "" {
		return "empty"
	} else if fallback {
		return "fallback"
	} else if t == nil {
		return "none"
	}
	return t.Kind
}

func main() {
	fmt.Println(kind(nil, false))
}
