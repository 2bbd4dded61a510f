package main

import (
	"context"
	"fmt"
	"time"
)

func withDeadline(parent context.Context, ok bool) (context.Context, context.CancelFunc, error) {
	ctx, cancel := context.WithTimeout(parent, time.Minute)
	if !ok {
		return ctx, cancel, fmt.Errorf("not ok")
	}
	return ctx, cancel, nil
}

func main() {
	ctx, cancel, err := withDeadline(context.Background(), false)
	defer cancel()
	fmt.Println(ctx.Err(), err)
}
