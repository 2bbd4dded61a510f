package main

import (
	"fmt"
	"os"
	"text/template"
)

func main() {
	t, err := template.ParseFiles("/no/such/template.tmpl")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(t.Execute(os.Stdout, nil))
}
