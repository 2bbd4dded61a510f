package main

import "log"

type server struct{ name string }

func (s *server) recoverPanic() {
	if r := recover(); r != nil {
		log.Printf("%s: %v", s.name, r)
	}
}

func (s *server) handle() {
	defer func() {
		log.Print("finishing")
		s.recoverPanic()
	}()
	panic("handler failed")
}

func main() {
	(&server{name: "api"}).handle()
}
