package main

import "fmt"

type Page struct{ Title string }

func render(p *Page) string {
	if p == nil {
		return "<h1>untitled</h1>"
	}
	return "<h1>" + p.Title + "</h1>"
}

func main() {
	fmt.Println(render(nil))
}
