package main

import (
	"fmt"
	"net/http"
)

func main() {
	resp, err := http.Get("://missing-scheme")
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	defer resp.Body.Close()
	fmt.Println(resp.Status)
}
