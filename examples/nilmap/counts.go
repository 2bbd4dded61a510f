// Crash pattern NIL002 nil-map-write.
//
// `var m map[K]V` declares a nil map. Reading it is fine (every key is
// missing), but the first write panics:
//
//	panic: assignment to entry in nil map
//
// The same holds for the map fields of a zero struct value: `var r Registry`
// leaves every map field nil until something assigns make(...) or a literal.
//
// 只声明不 make 的 map 可以读,一写就崩。
package nilmap

import "strings"

// WordCount declares the map but never makes it: the first word crashes.
func WordCount(text string) map[string]int {
	var counts map[string]int
	for _, w := range strings.Fields(text) {
		counts[w] = counts[w] + 1 // faultline: NIL002
	}
	return counts
}

// Tags collects labels into a map declared in a var block.
func Tags(labels []string) map[string]bool {
	var (
		seen  map[string]bool
		total int
	)
	for _, l := range labels {
		total++
		seen["🏷️ "+l] = true // faultline: NIL002
	}
	_ = total
	return seen
}

// Registry keeps services by name; its zero value has nil maps.
type Registry struct {
	byName map[string]string
	hits   map[string]int
}

// Register writes into a field of a zero Registry.
func Register(name, addr string) Registry {
	var r Registry
	r.byName[name] = addr // faultline: NIL002
	return r
}
