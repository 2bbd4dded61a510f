package main

import (
	"archive/zip"
	"fmt"
)

func main() {
	r, err := zip.OpenReader("/no/such/archive.zip")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	fmt.Println(len(r.File))
}
