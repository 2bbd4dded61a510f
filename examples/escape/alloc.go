// Escape pattern ESC001 address-escapes (a hint, not a bug).
//
// Taking the address of a local (`&x`) or of a composite literal (`&T{...}`)
// and letting it leave the function (returned, stored in a package variable,
// sent on a channel) forces the value onto the heap: the compiler says
// "moved to heap: x" or "&T{...} escapes to heap" (`go build -gcflags=-m`).
// Each such value costs an allocation and garbage-collector work, and on a
// hot path that pressure becomes long GC pauses and memory growth.
//
// 局部变量的地址一旦逃出函数,就只能分配在堆上。
package escape

type Point struct{ X, Y int }

type Config struct {
	Name    string
	Retries int
}

// NewPoint returns the address of a local: p is moved to the heap. Like the
// compiler, faultline reports the variable where it is declared.
func NewPoint(x, y int) *Point {
	p := Point{X: x, Y: y} // faultline: ESC001
	return &p
}

// current is package state; every Load allocates a fresh Config on the heap.
var current *Config

func Load(name string) {
	current = &Config{Name: name, Retries: 3} // faultline: ESC001
}

// Produce sends pointers to fresh points over a channel: each one escapes.
func Produce(out chan<- *Point, n int) {
	for i := 0; i < n; i++ {
		out <- &Point{X: i, Y: i * i} // faultline: ESC001 ESC007
	}
	close(out)
}
