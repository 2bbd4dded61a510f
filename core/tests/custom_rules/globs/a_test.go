package globs

import "time"

func wait() {
	time.Sleep(1) // want no-sleep-in-tests "time.Sleep in a test"
}
