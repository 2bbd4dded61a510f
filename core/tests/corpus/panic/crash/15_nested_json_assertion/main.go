package main

import (
	"encoding/json"
	"fmt"
)

func main() {
	var doc map[string]any
	_ = json.Unmarshal([]byte(`{"user": "gopher"}`), &doc)
	name := doc["user"].(map[string]any)["name"].(string)
	fmt.Println(name)
}
