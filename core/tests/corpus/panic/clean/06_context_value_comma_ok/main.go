package main

import (
	"context"
	"fmt"
)

type userKey struct{}

func userID(ctx context.Context) string {
	id, ok := ctx.Value(userKey{}).(string)
	if !ok {
		return "anonymous"
	}
	return id
}

func main() {
	fmt.Println(userID(context.Background()))
}
