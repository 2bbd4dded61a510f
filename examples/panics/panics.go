// Crash patterns of the panic-path family (PANIC002-PANIC010): each function
// here panics, or ends the process, on an input its author did not expect.
// fixed.go holds the versions faultline does not report.
package panics

import (
	"context"
	"errors"
	"fmt"
	"log"
	"os"
)

type requestIDKey struct{}

// RequestID panics when no middleware stored the ID in ctx.
func RequestID(ctx context.Context) string {
	return ctx.Value(requestIDKey{}).(string) // faultline: PANIC002
}

// Field panics when a decoded JSON document lacks the field or holds a number.
func Field(doc map[string]any, name string) string {
	return doc[name].(string) // faultline: PANIC002
}

// FirstTwo indexes past the two elements the literal holds.
func FirstTwo() (string, string) {
	parts := []string{"host"}
	return parts[0], parts[1] // faultline: PANIC003
}

// Average divides by a count that is never incremented.
func Average(values []int) int {
	total, count := 0, 0
	for _, v := range values {
		total += v
	}
	return total / count // faultline: PANIC007
}

// Drain closes a channel nobody made.
func Drain() {
	var done chan struct{}
	close(done) // faultline: PANIC008
}

// Run converts a panic into an error, but panic("text") carries a string.
func Run(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = r.(error) // faultline: PANIC005
		}
	}()
	f()
	return nil
}

// Quietly stops every panic of f and forgets it.
func Quietly(f func()) {
	defer func() {
		recover() // faultline: PANIC009
	}()
	f()
}

// Open gives up the whole program instead of returning the error it has in hand.
func Open(path string) *os.File {
	f, err := os.Open(path)
	if err != nil {
		panic(err) // faultline: PANIC006
	}
	return f
}

// Start runs job in a goroutine: a panic in job ends the caller's program.
func Start(job func() error) {
	go func() { // faultline: PANIC004
		if err := job(); err != nil {
			log.Print(err)
		}
	}()
}

// Export writes a file, but log.Fatal skips the deferred Close and Remove.
func Export(name string, data []byte) {
	f, err := os.CreateTemp("", name)
	if err != nil {
		log.Print(err)
		return
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		log.Fatal(err) // faultline: PANIC010
	}
	fmt.Println(errors.New("exported"))
}
