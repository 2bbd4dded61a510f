package main

import (
	"fmt"
	"net/http"
)

func main() {
	req, _ := http.NewRequest("GET", "http://127.0.0.1:1/", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Println("request failed")
		return
	}
	defer resp.Body.Close()
}
