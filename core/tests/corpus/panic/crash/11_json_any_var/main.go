package main

import (
	"encoding/json"
	"fmt"
)

func main() {
	var v interface{}
	if err := json.Unmarshal([]byte(`[1, 2, 3]`), &v); err != nil {
		return
	}
	obj := v.(map[string]interface{})
	fmt.Println(len(obj))
}
