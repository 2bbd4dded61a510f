package main

import "fmt"

func describe(x interface{}) string {
	switch v := x.(type) {
	case fmt.Stringer:
		return v.String()
	case int:
		return fmt.Sprint("int ", v)
	}
	return "unknown"
}

func main() {
	fmt.Println(describe(42))
}
