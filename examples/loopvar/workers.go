// Crash pattern RACE001 loop-variable-capture (Go before 1.22).
//
// Before Go 1.22 a `for` loop declares its variables once and reuses them in
// every iteration. A goroutine or deferred closure that captures the loop
// variable reads it later, when the loop has moved on or finished: every
// goroutine may see the last element, writes race with the loop's own
// increments, and a three-clause loop's index is already len(xs) when the
// goroutine runs:
//
//	panic: runtime error: index out of range [3] with length 3
//
// This module says `go 1.21` in go.mod, so these loops share their variables.
// 1.22 之前,循环变量在所有迭代之间共享,goroutine 看到的是"最后一个"。
package loopvar

import (
	"log"
	"os"
	"sync"
)

// NotifyAll sends to every user... or to the last user several times.
func NotifyAll(users []string, send func(string)) {
	var wg sync.WaitGroup // faultline: ESC002
	for _, u := range users {
		wg.Add(1)
		go func() { // faultline: PANIC004
			defer wg.Done()
			send(u) // faultline: RACE001
		}()
	}
	wg.Wait()
}

// SquareAll indexes with the shared counter: it can be len(xs) by then.
func SquareAll(xs []int) []int { // faultline: ESC006
	out := make([]int, len(xs)) // faultline: ESC004
	var wg sync.WaitGroup // faultline: ESC002
	for i := 0; i < len(xs); i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = xs[i] * xs[i] // faultline: RACE001
		}()
	}
	wg.Wait()
	return out
}

// CloseAll defers one closure per file, and every one closes the last file.
func CloseAll(files []*os.File) {
	for _, f := range files {
		defer func() {
			if err := f.Close(); err != nil { // faultline: RACE001
				log.Printf("关闭失败 ❌: %v", err)
			}
		}()
	}
}
