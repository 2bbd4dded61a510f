package main

import (
	"fmt"
	"net/http"
)

func main() {
	resp, err := http.Get("://missing-scheme")
	defer resp.Body.Close()
	if err != nil {
		fmt.Println("error:", err)
		return
	}
	fmt.Println(resp.Status)
}
