package main

import (
	"database/sql"
	"fmt"
)

func main() {
	db, err := sql.Open("no-such-driver", "dsn")
	pingErr := db.Ping()
	fmt.Println(err, pingErr)
}
