package main

import (
	"fmt"
	"regexp"
)

func main() {
	re, err := regexp.Compile("(unclosed")
	ok := re.MatchString("abc")
	fmt.Println(ok, err)
}
