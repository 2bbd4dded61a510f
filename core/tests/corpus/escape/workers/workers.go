// Package workers starts goroutines and defers closures, which decides
// whether captured variables live on the heap.
package workers

import (
	"fmt"
	"log"
	"sync"
)

type Result struct {
	ID    int
	Value string
}

var handlers []func()

func Run(jobs []string) []Result {
	var mu sync.Mutex
	var wg sync.WaitGroup
	results := []Result{}
	for i, job := range jobs {
		wg.Add(1)
		go func(id int, j string) {
			defer wg.Done()
			mu.Lock()
			results = append(results, Result{ID: id, Value: j})
			mu.Unlock()
		}(i, job)
	}
	wg.Wait()
	return results
}

func Count(items []string) int {
	total := 0
	done := make(chan struct{})
	go func() {
		for range items {
			total++
		}
		close(done)
	}()
	<-done
	return total
}

func ReadOnly(name string) {
	prefix := "worker"
	done := make(chan bool)
	go func() {
		log.Println(prefix, name)
		done <- true
	}()
	<-done
}

func Loop(n int) {
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println(i)
		}()
	}
	wg.Wait()
}

func Ranges(names []string) {
	for _, name := range names {
		go func() {
			fmt.Println(name)
		}()
	}
}

func Register(label string) {
	calls := 0
	handlers = append(handlers, func() {
		calls++
		fmt.Println(label, calls)
	})
}

func Cleanup(files []string) (err error) {
	for _, f := range files {
		closed := false
		defer func() {
			if !closed {
				closed = true
			}
		}()
		_ = f
	}
	attempts := 0
	defer func() {
		attempts++
	}()
	return nil
}

func Local(values []int) int {
	sum := 0
	add := func(v int) { sum += v }
	for _, v := range values {
		add(v)
	}
	return sum
}

func Stats(values []float64) {
	var big [32]float64
	copy(big[:], values)
	go func() {
		fmt.Println(len(big))
	}()
	mean := 0.0
	for _, v := range values {
		mean += v
	}
	log.Printf("mean %f of %d", mean/float64(len(values)), len(values))
}

func Failing(code int) {
	if code != 0 {
		panic(fmt.Sprintf("code %d", code))
	}
	if code < 0 {
		panic(code)
	}
}
