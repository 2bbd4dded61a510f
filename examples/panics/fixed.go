package panics

import (
	"context"
	"fmt"
	"log"
	"os"
)

// RequestIDOK reports whether the ID was there.
func RequestIDOK(ctx context.Context) (string, bool) {
	id, ok := ctx.Value(requestIDKey{}).(string)
	return id, ok
}

// FieldOK checks the field's type.
func FieldOK(doc map[string]any, name string) (string, bool) {
	v, ok := doc[name].(string)
	return v, ok
}

// FirstTwoOK appends what is missing instead of indexing past the end.
func FirstTwoOK() []string {
	parts := []string{"host"}
	parts = append(parts, "port")
	return parts[:2]
}

// AverageOK counts and guards the division.
func AverageOK(values []int) int {
	if len(values) == 0 {
		return 0
	}
	total := 0
	for _, v := range values {
		total += v
	}
	return total / len(values)
}

// DrainOK makes the channel it closes.
func DrainOK() <-chan struct{} {
	done := make(chan struct{})
	close(done)
	return done
}

// RunOK handles panic values of any type.
func RunOK(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("panic: %v", r)
			}
		}
	}()
	f()
	return nil
}

// QuietlyOK logs what it stops.
func QuietlyOK(f func()) {
	defer func() {
		if r := recover(); r != nil {
			log.Printf("recovered: %v", r)
		}
	}()
	f()
}

// OpenOK returns the error.
func OpenOK(path string) (*os.File, error) {
	return os.Open(path)
}

// StartOK recovers in the goroutine and reports the failure.
func StartOK(job func() error, errs chan<- error) { // faultline: ESC006
	go func() {
		defer func() {
			if r := recover(); r != nil {
				errs <- fmt.Errorf("job panicked: %v", r)
			}
		}()
		errs <- job()
	}()
}

// ExportOK returns the error, so the deferred Remove runs.
func ExportOK(name string, data []byte) error {
	f, err := os.CreateTemp("", name)
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	_, err = f.Write(data)
	return err
}
