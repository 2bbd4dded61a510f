package fixture

import (
	"fmt"
	"net/http"
	"os"
	"sync"
)

func readConfig(path string) ([]byte, error) {
	f, err := os.Open(path) // want open-without-close "`f` from os.Open is never closed"
	if err != nil {
		return nil, err
	}
	buf := make([]byte, 10)
	_, err = f.Read(buf)
	return buf, err
}

func readClosed(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	g, err := os.Create(path + ".bak") // want open-without-close "`g` from os.Create"
	if err != nil {
		return err
	}
	defer f.Close() // closes f again, not g
	_ = g
	return nil
}

func HandleIndex(w http.ResponseWriter, r *http.Request) {
	if r == nil {
		panic("no request") // want panic-in-handler "panic in HTTP handler"
	}
}

func init() {
	panic("init may panic")
}

func helper() {
	panic("boom") // want panic-outside-init "panic outside init"
}

func spawn(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ { // want go-in-loop "loop starts goroutines"
		wg.Add(1)
		go func() { // want goroutine-no-done "without `defer wg.Done()`"
			fmt.Println("work")
		}()
		wg.Add(1)
		go func() {
			defer wg.Done()
		}()
	}
	wg.Wait()
}

func closeThenWrite(f *os.File) {
	f.Sync()
	f.Close()
	f.Write(nil) // want use-after-close "`f.Write` after `f.Close()`"
	g := f
	g.Write(nil)
}

func describe(v interface{}) error { // want prefer-any "write `any` instead of `interface{}`"
	var err error
	if v == nil {
		return fmt.Errorf("describe: %v", err) // want errorf-without-wrap "with \"describe: %v\""
	}
	return fmt.Errorf("describe: %w", err)
}

type Named interface{ Name() string }
