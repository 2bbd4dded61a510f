// The same maps used safely: none of these is reported.
package nilmap

import "strings"

func WordCountFixed(text string) map[string]int {
	counts := make(map[string]int)
	for _, w := range strings.Fields(text) {
		counts[w]++
	}
	return counts
}

// A var-declared map that gets a literal before the first write.
func Defaults() map[string]string {
	var m map[string]string
	m = map[string]string{}
	m["lang"] = "中文"
	return m
}

// Lazy initialisation: the write happens only after make.
func Lazy(keys []string) map[string]int {
	var index map[string]int
	for i, k := range keys {
		if index == nil {
			index = make(map[string]int, len(keys))
		}
		index[k] = i
	}
	return index
}

// Reading and deleting on a nil map never panic.
func Lookup(key string) (int, bool) {
	var empty map[string]int
	delete(empty, key)
	v, ok := empty[key]
	return v, ok
}

func NewRegistry() Registry {
	return Registry{byName: map[string]string{}, hits: make(map[string]int)}
}

func RegisterFixed(name, addr string) Registry {
	r := NewRegistry()
	r.byName[name] = addr
	return r
}

// Through a pointer receiver faultline cannot know whether the maps were
// made, so it stays quiet (NewRegistry makes them).
func (r *Registry) Hit(name string) {
	r.hits[name]++
}
