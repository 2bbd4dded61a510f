// Crash pattern PANIC001 ineffective-recover.
//
// recover() stops a panic only when the deferred function itself calls it.
// Called one level deeper (a helper the deferred closure calls, a closure
// nested inside it) or from a goroutine, it returns nil and the panic keeps
// unwinding: the "safe" wrapper still lets the process die with
//
//	panic: boom
//	goroutine 1 [running]: ...
//
// 在 defer 的函数里再套一层调用 recover(),返回的永远是 nil。
package recovery

import "log"

// logPanic is meant to be a shared recovery helper, but it is called from a
// deferred closure instead of being deferred itself (reported at the call).
func logPanic(where string) { // faultline: ESC006
	if r := recover(); r != nil {
		log.Printf("%s: recovered 🛟 %v", where, r) // faultline: ESC003
	}
}

// SafeRun looks protected, yet a panic in job goes straight through.
func SafeRun(job func()) {
	defer func() {
		logPanic("SafeRun") // faultline: PANIC001
	}()
	job()
}

// SafeRunNested wraps the recover in one more closure: one call too deep.
func SafeRunNested(job func()) {
	defer func() {
		func() {
			if r := recover(); r != nil { // faultline: PANIC001
				log.Printf("捕获 panic: %v", r)
			}
		}()
	}()
	job()
}

// Background "installs" a recover in the goroutine before running the job;
// recover is not deferred, so it returns nil at once and the job's panic
// kills the whole process.
func Background(job func()) {
	go func() { // faultline: PANIC004
		if r := recover(); r != nil { // faultline: PANIC001
			log.Printf("background job failed: %v", r)
		}
		job()
	}()
}
