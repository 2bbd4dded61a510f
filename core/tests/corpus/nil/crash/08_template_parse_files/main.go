package main

import (
	"fmt"
	"os"
	"text/template"
)

func main() {
	t, err := template.ParseFiles("/no/such/template.tmpl")
	execErr := t.Execute(os.Stdout, nil)
	fmt.Println(err, execErr)
}
