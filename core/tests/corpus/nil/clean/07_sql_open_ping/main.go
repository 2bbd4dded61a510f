package main

import (
	"database/sql"
	"fmt"
)

func main() {
	db, err := sql.Open("no-such-driver", "dsn")
	if err != nil {
		fmt.Println("open:", err)
		return
	}
	fmt.Println(db.Ping())
}
