package main

import (
	"fmt"
	"os/user"
)

func main() {
	u, err := user.Lookup("no-such-user-faultline")
	home := u.HomeDir
	fmt.Println(home, err)
}
