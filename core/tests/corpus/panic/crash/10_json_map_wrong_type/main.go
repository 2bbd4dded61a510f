package main

import (
	"encoding/json"
	"fmt"
)

func main() {
	var doc map[string]interface{}
	if err := json.Unmarshal([]byte(`{"name": "gopher", "age": 13}`), &doc); err != nil {
		panic(err)
	}
	age := doc["age"].(string)
	fmt.Println(age)
}
