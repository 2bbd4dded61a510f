package main

import (
	"fmt"
	"net/http"
)

func main() {
	req, err := http.NewRequest("GET", "://bad", nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	req.Header.Set("X-Test", "1")
}
