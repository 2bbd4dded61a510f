// Recovery that works: none of these is reported.
package recovery

import (
	"fmt"
	"log"
)

// Recover directly in the deferred closure.
func SafeRunFixed(job func()) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("SafeRun: recovered 🛟 %v", r)
		}
	}()
	job()
}

// A named helper is fine when it is the deferred function itself.
func recoverInto(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("panic: %v", r)
	}
}

func Try(job func()) (err error) {
	defer recoverInto(&err)
	job()
	return nil
}

// Index out of range turns into an error instead of a crash.
func FirstOrError(xs []int) (first int, err error) {
	defer recoverInto(&err)
	return xs[0], nil
}

// The goroutine defers its own recovery.
func BackgroundFixed(job func(), done chan<- error) { // faultline: ESC006
	go func() {
		var err error
		defer func() { done <- err }()
		defer recoverInto(&err)
		job()
	}()
}
