package main

import (
	"context"
	"fmt"
)

type userKey struct{}

func userID(ctx context.Context) string {
	return ctx.Value(userKey{}).(string)
}

func main() {
	fmt.Println(userID(context.Background()))
}
