package main

import (
	"encoding/json"
	"fmt"
)

func main() {
	var v interface{}
	_ = json.Unmarshal([]byte(`[1, 2]`), &v)
	switch x := v.(type) {
	case []interface{}:
		fmt.Println("array of", len(x))
	case map[string]interface{}:
		fmt.Println("object")
	}
}
