// Package report formats output with fmt and log, converting values to
// interfaces.
package report

import (
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"strings"
)

type Summary struct {
	Name   string
	Passed int
	Failed int
}

type Level int

const (
	Debug Level = iota
	Info
)

func (s Summary) String() string {
	return fmt.Sprintf("%s: %d passed, %d failed", s.Name, s.Passed, s.Failed)
}

func Print(s Summary, w io.Writer) {
	total := s.Passed + s.Failed
	fmt.Fprintf(w, "%s %d/%d\n", s.Name, s.Passed, total)
	fmt.Fprintln(w, s)
	fmt.Println("done", total)
}

func Log(level Level, msg string, args ...any) {
	if level < Info {
		return
	}
	log.Printf(msg, args...)
	log.Println("level", level)
}

func Fail(name string, code int) error {
	if code == 0 {
		return nil
	}
	return fmt.Errorf("%s failed with %d", name, code)
}

func Wrap(err error, name string) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", name, err)
}

func Must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func Banner(names []string) string {
	title := strings.Join(names, ", ")
	width := len(title) + 4
	line := strings.Repeat("=", width)
	return fmt.Sprint(line, "\n", title, "\n", line)
}

func Table(rows [][]string) {
	for i, row := range rows {
		fmt.Printf("%3d %s\n", i+1, strings.Join(row, " | "))
	}
}

func Exit(code int) {
	fmt.Fprintln(os.Stderr, "exit", code)
	os.Exit(code)
}

var ErrEmpty = errors.New("report: empty")

func Check(rows [][]string) error {
	if len(rows) == 0 {
		return ErrEmpty
	}
	return nil
}

func Any(flag bool) any {
	if flag {
		return Summary{Name: "yes"}
	}
	return "no"
}
