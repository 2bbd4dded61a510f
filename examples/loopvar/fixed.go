// The same loops written safely for Go before 1.22: none of these is reported.
package loopvar

import (
	"sort"
	"sync"
)

// A per-iteration copy shadows the shared variable.
func NotifyAllCopy(users []string, send func(string)) {
	var wg sync.WaitGroup // faultline: ESC002
	for _, u := range users {
		u := u
		wg.Add(1)
		go func() { // faultline: PANIC004
			defer wg.Done()
			send(u)
		}()
	}
	wg.Wait()
}

// Passing the variable as an argument evaluates it at the go statement.
func SquareAllArg(xs []int) []int { // faultline: ESC006
	out := make([]int, len(xs)) // faultline: ESC004
	var wg sync.WaitGroup // faultline: ESC002
	for i := 0; i < len(xs); i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			out[i] = xs[i] * xs[i]
		}(i)
	}
	wg.Wait()
	return out
}

// A closure that runs inside the iteration (not go, not defer) is fine.
func SortEach(groups [][]string) {
	for _, g := range groups {
		sort.Slice(g, func(a, b int) bool { return g[a] < g[b] })
	}
}
