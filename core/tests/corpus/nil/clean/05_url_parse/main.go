package main

import (
	"fmt"
	"net/url"
)

func main() {
	u, err := url.Parse("://nope")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(u.Host)
}
