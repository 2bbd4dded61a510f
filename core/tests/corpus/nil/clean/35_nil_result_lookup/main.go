package main

import "fmt"

type User struct{ Name string }

var users = map[string]*User{"ann": {Name: "Ann"}}

func find(name string) *User {
	if u, ok := users[name]; ok {
		return u
	}
	return nil
}

func main() {
	u := find("bob")
	if u == nil {
		fmt.Println("no such user")
		return
	}
	fmt.Println("hello", u.Name)
}
