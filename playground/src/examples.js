// The examples menu: one small program per crash pattern, written for the
// playground. `want` names the diagnostic each one must produce: the file, the
// rule code and a piece of text on the flagged line (test/examples.test.mjs
// checks every example against the wasm package). A want naming only a family
// prefix ("RACE") is for a pattern whose rule is still being written: the
// worker checks each example at start-up, and the menu marks the ones this
// build does not detect.

const nilMapWrite = `package main

import "fmt"

// countWords tallies words, but the map is declared and never made.
func countWords(words []string) map[string]int {
	var counts map[string]int
	for _, w := range words {
		counts[w]++ // panic: assignment to entry in nil map
	}
	return counts
}

func main() {
	fmt.Println(countWords([]string{"go", "nil", "go"}))
}
`;

const derefAfterCheck = `package main

import "fmt"

type Config struct {
	Name    string
	Retries int
}

func describe(c *Config) string {
	if c == nil {
		fmt.Println("no config given")
	}
	// The check above did not return: c may still be nil here.
	return fmt.Sprintf("%s retries=%d", c.Name, c.Retries)
}

func main() {
	fmt.Println(describe(nil))
}
`;

const useBeforeErrorCheck = `package main

import (
	"fmt"
	"os"
)

func size(path string) int64 {
	info, err := os.Stat(path)
	n := info.Size() // info is nil when err != nil
	if err != nil {
		return -1
	}
	return n
}

func main() {
	fmt.Println(size("/does/not/exist"))
}
`;

const nilFuncCall = `package main

import "fmt"

func main() {
	var onDone func(int)
	total := 0
	for i := 1; i <= 3; i++ {
		total += i
	}
	onDone(total) // onDone was never assigned
	fmt.Println("done")
}
`;

const typedNilInterface = `package main

import "fmt"

type ValidationError struct{ Field string }

func (e *ValidationError) Error() string { return "invalid " + e.Field }

func validate(name string) error {
	var verr *ValidationError
	if name == "" {
		verr = &ValidationError{Field: "name"}
	}
	return verr // a nil *ValidationError in a non-nil error
}

func main() {
	if err := validate("gopher"); err != nil {
		fmt.Println("failed:", err)
	}
}
`;

const crossFileMain = `package main

import "fmt"

func main() {
	u := findUser("nobody")
	// findUser (in users.go) returns nil when the name is unknown.
	fmt.Println(u.Name)
}
`;

const crossFileUsers = `package main

type User struct{ Name string }

var users = map[string]*User{"gopher": {Name: "Gopher"}}

func findUser(name string) *User {
	if u, ok := users[name]; ok {
		return u
	}
	return nil
}
`;

const loopCapture = `package main

import (
	"fmt"
	"sync"
)

func main() {
	var wg sync.WaitGroup
	for _, job := range []string{"build", "test", "deploy"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fmt.Println("running", job) // before Go 1.22 every goroutine shares job
		}()
	}
	wg.Wait()
}
`;

const deadlock = `package main

import "fmt"

func main() {
	results := make(chan int)
	results <- 42 // unbuffered, and nobody receives: all goroutines are asleep
	fmt.Println(<-results)
}
`;

const concurrentMapWrites = `package main

import (
	"fmt"
	"sync"
)

func main() {
	hits := map[string]int{}
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			hits["page"]++ // fatal error: concurrent map writes
		}()
	}
	wg.Wait()
	fmt.Println(hits)
}
`;

const ineffectiveRecover = `package main

import "fmt"

func handle(job func()) {
	defer func() {
		logPanic()
	}()
	job()
}

// logPanic is called by the deferred function, not deferred itself:
// its recover() returns nil and the panic keeps going.
func logPanic() {
	if r := recover(); r != nil {
		fmt.Println("recovered:", r)
	}
}

func main() {
	handle(func() { panic("boom") })
}
`;

const escapingAddress = `package main

import "fmt"

type User struct {
	ID   int
	Name string
}

// newUser returns the address of a local: u moves to the heap.
func newUser(id int, name string) *User {
	u := User{ID: id, Name: name}
	return &u
}

func main() {
	fmt.Println(newUser(1, "gopher").Name)
}
`;

export const EXAMPLES = [
  {
    id: "nil-map-write",
    title: "nil map write",
    family: "nil-contract",
    files: [{ path: "main.go", text: nilMapWrite }],
    want: [{ path: "main.go", code: "NIL002", line: "counts[w]++" }],
  },
  {
    id: "deref-after-nil-check",
    title: "nil dereference after a nil check",
    family: "nil-contract",
    files: [{ path: "main.go", text: derefAfterCheck }],
    want: [{ path: "main.go", code: "NIL001", line: "return fmt.Sprintf" }],
  },
  {
    id: "use-before-error-check",
    title: "result used before its error is checked",
    family: "nil-contract",
    files: [{ path: "main.go", text: useBeforeErrorCheck }],
    want: [{ path: "main.go", code: "NIL005", line: "n := info.Size()" }],
  },
  {
    id: "nil-func-call",
    title: "call of a nil func",
    family: "nil-contract",
    files: [{ path: "main.go", text: nilFuncCall }],
    want: [{ path: "main.go", code: "NIL007", line: "onDone(total)" }],
  },
  {
    id: "typed-nil-interface",
    title: "typed nil in an interface",
    family: "nil-contract",
    files: [{ path: "main.go", text: typedNilInterface }],
    want: [{ path: "main.go", code: "NIL006", line: "return verr" }],
  },
  {
    id: "cross-file-nil-result",
    title: "nil result from another file (two tabs)",
    family: "nil-contract",
    files: [
      { path: "main.go", text: crossFileMain },
      { path: "users.go", text: crossFileUsers },
    ],
    want: [{ path: "main.go", code: "NIL004", line: "fmt.Println(u.Name)" }],
  },
  {
    id: "loop-variable-capture",
    title: "loop variable captured by goroutines (Go 1.21)",
    family: "race-risk",
    goVersion: "1.21",
    files: [{ path: "main.go", text: loopCapture }],
    want: [{ path: "main.go", code: "RACE001", line: 'fmt.Println("running", job)' }],
  },
  {
    id: "channel-deadlock",
    title: "deadlock on an unbuffered channel",
    family: "race-risk",
    files: [{ path: "main.go", text: deadlock }],
    want: [{ path: "main.go", code: "RACE", line: "results <- 42" }],
  },
  {
    id: "concurrent-map-writes",
    title: "concurrent map writes",
    family: "race-risk",
    files: [{ path: "main.go", text: concurrentMapWrites }],
    want: [{ path: "main.go", code: "RACE", line: 'hits["page"]++' }],
  },
  {
    id: "ineffective-recover",
    title: "recover() that cannot stop a panic",
    family: "panic-path",
    files: [{ path: "main.go", text: ineffectiveRecover }],
    want: [{ path: "main.go", code: "PANIC001", line: "\t\tlogPanic()" }],
  },
  {
    id: "escaping-address",
    title: "escaping &u (escape hints)",
    family: "escape-hint",
    escape: true,
    files: [{ path: "main.go", text: escapingAddress }],
    want: [{ path: "main.go", code: "ESC001", line: "u := User{" }],
  },
];

/** 1-based line of the first line of `text` containing `needle`, or 0. */
export function lineOf(text, needle) {
  const index = text.split("\n").findIndex((l) => l.includes(needle));
  return index + 1;
}

/**
 * Whether a diagnostic satisfies a want: same file (checked by the caller),
 * the code (a full code, or a family prefix such as "RACE": any rule of that
 * family) and the line.
 */
export function satisfies(diagnostic, want, text) {
  const codeOk = /\d$/.test(want.code) ? diagnostic.code === want.code : diagnostic.code.startsWith(want.code);
  return codeOk && diagnostic.start.line === lineOf(text, want.line);
}
