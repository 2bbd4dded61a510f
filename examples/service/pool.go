// A worker pool with three of the crash patterns at once:
//   - each worker goroutine captures the loop counter w (RACE001 before Go 1.22);
//   - the workers' "recovery" runs in a goroutine started from the deferred
//     closure, where recover() returns nil (PANIC001), so one bad job kills
//     the process;
//   - the result map is declared with var and never made (NIL002).
//
// 工作池:一个任务 panic,整个进程跟着退出。
package service

import (
	"log"
	"strings"
	"sync"
)

type Job struct {
	ID      int
	Payload string
}

type Result struct {
	JobID int
	Words int
}

func RunPool(jobs []Job, workers int) map[int]int { // faultline: ESC006
	in := make(chan Job)
	out := make(chan Result)
	var wg sync.WaitGroup // faultline: ESC002
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				go func() {
					if p := recover(); p != nil { // faultline: PANIC001
						log.Printf("job failed: %v", p)
					}
				}()
			}()
			for j := range in {
				log.Printf("worker %d takes job %d 🧵", w, j.ID) // faultline: RACE001 ESC003
				out <- Result{JobID: j.ID, Words: len(strings.Fields(j.Payload))}
			}
		}()
	}
	go func() {
		for _, j := range jobs {
			in <- j
		}
		close(in)
	}()
	go func() {
		wg.Wait()
		close(out)
	}()

	var words map[int]int
	for r := range out {
		words[r.JobID] = r.Words // faultline: NIL002
	}
	return words
}

// RunPoolFixed: the worker id is an argument, recovery is deferred directly,
// and the result map is made.
func RunPoolFixed(jobs []Job, workers int) map[int]int { // faultline: ESC006
	in := make(chan Job)
	out := make(chan Result)
	var wg sync.WaitGroup // faultline: ESC002
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(id int) {
			defer wg.Done()
			for j := range in {
				out <- runJob(id, j)
			}
		}(w)
	}
	go func() {
		for _, j := range jobs {
			in <- j
		}
		close(in)
	}()
	go func() {
		wg.Wait()
		close(out)
	}()

	words := make(map[int]int, len(jobs))
	for r := range out {
		words[r.JobID] = r.Words
	}
	return words
}

func runJob(worker int, j Job) (res Result) {
	res.JobID = j.ID
	defer func() {
		if p := recover(); p != nil {
			log.Printf("worker %d: job %d failed: %v", worker, j.ID, p) // faultline: ESC003
			res.Words = -1
		}
	}()
	res.Words = len(strings.Fields(j.Payload))
	return res
}
