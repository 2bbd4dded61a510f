package main

import (
	"fmt"
	"net/http"
)

func main() {
	req, err := http.NewRequest("GET", "://bad", nil)
	req.Header.Set("X-Test", "1")
	if err != nil {
		fmt.Println(err)
	}
}
