package main

import (
	"context"
	"fmt"
)

type userKey struct{}

func main() {
	ctx := context.WithValue(context.Background(), userKey{}, "gopher")
	fmt.Println(ctx.Value(userKey{}).(string))
}
