//go:build go1.22

// From Go 1.22 each iteration has its own variable, so capturing it in a
// goroutine is fine and faultline does not report it. This file's build
// constraint makes its effective Go version 1.22 (older toolchains skip it).
// Go 1.22 起每次迭代都有独立的变量。
package loopvar

import "sync"

func NotifyAll122(users []string, send func(string)) {
	var wg sync.WaitGroup // faultline: ESC002
	for _, u := range users {
		wg.Add(1)
		go func() { // faultline: PANIC004
			defer wg.Done()
			send(u)
		}()
	}
	wg.Wait()
}
