package main

import "fmt"

type Account struct{ Balance int }

func report(a *Account) string {
	return fmt.Sprintf("balance: %d", a.Balance)
}

func main() {
	var acct *Account
	fmt.Println(report(acct))
}
