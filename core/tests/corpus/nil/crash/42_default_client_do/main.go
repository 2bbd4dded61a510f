package main

import (
	"fmt"
	"net/http"
)

func main() {
	req, _ := http.NewRequest("GET", "http://127.0.0.1:1/", nil)
	resp, err := http.DefaultClient.Do(req)
	defer resp.Body.Close()
	fmt.Println(err)
}
