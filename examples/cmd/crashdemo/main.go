// crashdemo runs one crash pattern from these examples so you can watch it
// fail: `go run ./cmd/crashdemo nilmap`. Each scenario is a bug that
// `faultline check examples/` reports before the program ever runs.
//
// 运行一个场景,亲眼看它崩溃 💥。
package main

import (
	"fmt"
	"os"
	"sort"
	"time"

	"faultline.example/crashes/loopvar"
	"faultline.example/crashes/nilderef"
	"faultline.example/crashes/nilmap"
	"faultline.example/crashes/recovery"
	"faultline.example/crashes/service"
)

var scenarios = map[string]func(){
	"nilderef": func() { fmt.Println(nilderef.Greeting(42)) },
	"nilmap":   func() { fmt.Println(nilmap.WordCount("to be or not to be")) },
	"loopvar":  func() { fmt.Println(loopvar.SquareAll([]int{1, 2, 3})) },
	"recover": func() {
		recovery.SafeRun(func() { panic("boom 💣") }) // faultline: ESC003
	},
	"pool": func() {
		jobs := []service.Job{{ID: 1, Payload: "hello world"}, {ID: 2, Payload: "你好 世界"}}
		fmt.Println(service.RunPool(jobs, 2))
		time.Sleep(10 * time.Millisecond)
	},
}

func main() {
	if len(os.Args) != 2 || scenarios[os.Args[1]] == nil {
		names := make([]string, 0, len(scenarios)) // faultline: ESC004
		for name := range scenarios {
			names = append(names, name)
		}
		sort.Strings(names)
		fmt.Fprintf(os.Stderr, "usage: crashdemo SCENARIO\nscenarios: %v\n", names)
		os.Exit(2)
	}
	scenarios[os.Args[1]]()
}
