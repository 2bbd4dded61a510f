package crash

func count(words []string) map[string]int {
	var counts map[string]int
	for _, w := range words {
		counts[w]++
	}
	return counts
}

func serve(handle func()) {
	go func() {
		recover()
		handle()
	}()
}
