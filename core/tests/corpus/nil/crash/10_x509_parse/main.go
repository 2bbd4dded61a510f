package main

import (
	"crypto/x509"
	"fmt"
)

func main() {
	cert, err := x509.ParseCertificate([]byte("not a certificate"))
	fmt.Println(cert.Subject.CommonName, err)
}
