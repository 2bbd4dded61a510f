package globs

import "time"

func wait() {
	time.Sleep(1)
}
