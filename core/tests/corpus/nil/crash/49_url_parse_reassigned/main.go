package main

import (
	"fmt"
	"net/url"
)

func main() {
	var u *url.URL
	var err error
	u, err = url.Parse("http://a b.com/")
	q := u.Query()
	fmt.Println(q, err)
}
