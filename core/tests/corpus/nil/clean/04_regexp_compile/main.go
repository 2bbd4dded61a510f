package main

import (
	"fmt"
	"regexp"
)

func main() {
	re, err := regexp.Compile("(unclosed")
	if err != nil {
		fmt.Println("bad pattern:", err)
		return
	}
	fmt.Println(re.MatchString("abc"))
}
