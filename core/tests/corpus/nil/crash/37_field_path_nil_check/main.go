package main

import "fmt"

type DB struct{ name string }

type Server struct{ db *DB }

func (s *Server) status() string {
	if s.db == nil {
		fmt.Println("warning: no database")
	}
	return s.db.name
}

func main() {
	s := &Server{}
	fmt.Println(s.status())
}
