package main

import (
	"fmt"
	"os/user"
)

func main() {
	u, err := user.Lookup("no-such-user-faultline")
	if err != nil {
		fmt.Println("lookup:", err)
		return
	}
	fmt.Println(u.HomeDir)
}
