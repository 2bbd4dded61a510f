package main

import (
	"fmt"
	"net/http"
)

func main() {
	req, _ := http.NewRequest("GET", "http://127.0.0.1:1/", nil)
	var c *http.Client = &http.Client{}
	resp, err := c.Do(req)
	if err != nil {
		fmt.Println("request failed")
		return
	}
	fmt.Println(resp.StatusCode)
}
