package main

import (
	"fmt"
	"net/url"
)

func main() {
	u, err := url.Parse("://nope")
	host := u.Host
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(host)
}
