package main

import "fmt"

type Bucket struct{ entries map[string]int }

func main() {
	buckets := make([]Bucket, 4)
	for i := range buckets {
		buckets[i].entries = map[string]int{}
	}
	buckets[0].entries["a"] = 1
	fmt.Println(len(buckets))
}
