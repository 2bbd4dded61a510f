package main

import "fmt"

type User struct{ Admin bool }

func isAdmin(u *User) bool {
	return u != nil && u.Admin
}

func main() {
	fmt.Println(isAdmin(nil))
}
