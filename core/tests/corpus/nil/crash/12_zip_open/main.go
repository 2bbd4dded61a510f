package main

import (
	"archive/zip"
	"fmt"
)

func main() {
	r, err := zip.OpenReader("/no/such/archive.zip")
	fmt.Println(len(r.File), err)
}
