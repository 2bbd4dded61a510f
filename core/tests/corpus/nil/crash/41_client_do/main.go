package main

import (
	"fmt"
	"net/http"
)

func main() {
	req, _ := http.NewRequest("GET", "http://127.0.0.1:1/", nil)
	client := &http.Client{}
	var c *http.Client = client
	resp, err := c.Do(req)
	fmt.Println(resp.StatusCode, err)
}
