package main

import (
	"crypto/x509"
	"fmt"
)

func main() {
	cert, err := x509.ParseCertificate([]byte("not a certificate"))
	if err != nil {
		fmt.Println("parse:", err)
		return
	}
	fmt.Println(cert.Subject.CommonName)
}
