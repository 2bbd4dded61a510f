package main

import (
	"fmt"
	"net/url"
)

func main() {
	var u *url.URL
	var err error
	u, err = url.Parse("http://a b.com/")
	if err != nil {
		fmt.Println("bad url")
		return
	}
	fmt.Println(u.Query())
}
