package main

import "fmt"

type Page struct{ Title string }

func render(p *Page) string {
	return "<h1>" + p.Title + "</h1>"
}

func main() {
	fmt.Println(render(nil))
}
