// A recovery wrapper that logs the panic with request context and re-panics,
// so the crash stays visible to the caller. It recovers correctly: nothing to
// report here.
package recovery

import (
	"context"
	"log"
)

type requestIDKey struct{}

func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

func Traced(ctx context.Context, job func(context.Context)) {
	defer func() {
		if r := recover(); r != nil {
			id, _ := ctx.Value(requestIDKey{}).(string)
			log.Printf("request %q panicked: %v ‼️", id, r)
			panic(r)
		}
	}()
	job(ctx)
}
