package main

import "fmt"

type ValidationError struct{ Field string }

func (e *ValidationError) Error() string { return "invalid " + e.Field }

func validate(n int) error {
	if n < 0 {
		return &ValidationError{Field: "n"}
	}
	return nil
}

func main() {
	if err := validate(5); err != nil {
		fmt.Println("failed:", err.Error())
	}
}
