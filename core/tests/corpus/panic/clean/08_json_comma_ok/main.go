package main

import (
	"encoding/json"
	"fmt"
)

func main() {
	var doc map[string]interface{}
	_ = json.Unmarshal([]byte(`{"age": 13}`), &doc)
	if age, ok := doc["age"].(string); ok {
		fmt.Println("age", age)
	} else {
		fmt.Println("age is not a string")
	}
}
