package main

import (
	"fmt"
	"log"
)

type Settings struct{ Verbose bool }

func run(s *Settings) {
	if s == nil {
		log.Print("no settings given")
	}
	if s.Verbose {
		fmt.Println("verbose")
	}
}

func main() {
	run(nil)
}
