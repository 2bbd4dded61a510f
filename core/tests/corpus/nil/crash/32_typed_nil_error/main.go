package main

import "fmt"

type ValidationError struct{ Field string }

func (e *ValidationError) Error() string { return "invalid " + e.Field }

func validate(n int) error {
	var e *ValidationError
	if n < 0 {
		e = &ValidationError{Field: "n"}
	}
	return e
}

func main() {
	if err := validate(5); err != nil {
		fmt.Println("failed:", err.Error())
	}
}
