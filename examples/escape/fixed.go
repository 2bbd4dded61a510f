// Values that stay on the stack: none of these is reported.
package escape

// MakePoint returns a copy, so nothing escapes.
func MakePoint(x, y int) Point {
	return Point{X: x, Y: y}
}

// SumX takes the address of a local but only uses it inside the function.
func SumX(points []Point) int {
	total := 0
	acc := &total
	for _, p := range points {
		*acc += p.X
	}
	return total
}

// Scale fills a caller-owned value instead of allocating one.
func Scale(dst *Point, k int) {
	dst.X *= k
	dst.Y *= k
}

func Name() string {
	c := Config{Name: "默认配置 ⚙️"}
	return c.Name
}
