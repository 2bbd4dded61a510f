// Package store is a small in-memory key-value store: constructors,
// pointers kept in maps, and values returned as interfaces.
package store

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

type Item struct {
	Key     string
	Value   []byte
	Version int
}

type Store struct {
	items map[string]*Item
	log   []string
	hooks []func(*Item)
}

var defaultStore *Store

var ErrMissing = errors.New("store: missing key")

func New() *Store {
	s := Store{items: make(map[string]*Item)}
	return &s
}

func Default() *Store {
	if defaultStore == nil {
		defaultStore = &Store{items: map[string]*Item{}}
	}
	return defaultStore
}

func (s *Store) Put(key string, value []byte) *Item {
	item := Item{Key: key, Value: value}
	if old, ok := s.items[key]; ok {
		item.Version = old.Version + 1
	}
	s.items[key] = &item
	s.log = append(s.log, key)
	for _, hook := range s.hooks {
		hook(&item)
	}
	return &item
}

func (s *Store) Get(key string) (*Item, error) {
	item, ok := s.items[key]
	if !ok {
		return nil, fmt.Errorf("get %q: %w", key, ErrMissing)
	}
	return item, nil
}

func (s *Store) OnPut(hook func(*Item)) {
	s.hooks = append(s.hooks, hook)
}

func (s *Store) Keys() []string {
	keys := make([]string, 0, len(s.items))
	for k := range s.items {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func (s *Store) Snapshot(limit int) []Item {
	out := make([]Item, 0, limit)
	for _, k := range s.Keys() {
		if len(out) == limit {
			break
		}
		out = append(out, *s.items[k])
	}
	return out
}

func (s *Store) Describe() string {
	var b strings.Builder
	count := len(s.items)
	fmt.Fprintf(&b, "%d items", count)
	for _, k := range s.Keys() {
		b.WriteString(k)
	}
	return b.String()
}

type versionError struct {
	key  string
	want int
	got  int
}

func (e versionError) Error() string {
	return fmt.Sprintf("%s: want version %d, got %d", e.key, e.want, e.got)
}

func (s *Store) CheckVersion(key string, want int) error {
	item, ok := s.items[key]
	if !ok {
		return ErrMissing
	}
	if item.Version != want {
		return versionError{key: key, want: want, got: item.Version}
	}
	return nil
}

func Value(v int) any {
	return v
}

func Pair(a, b int) (any, error) {
	sum := a + b
	return sum, nil
}

func KeyOf(item *Item) string {
	return item.Key
}

func Self(item *Item) *Item {
	return item
}

func First(items []*Item) *Item {
	if len(items) == 0 {
		return nil
	}
	return items[0]
}

func Trim(b []byte) []byte {
	return b[1:]
}

func Remember(item *Item) {
	defaultStore.items[item.Key] = item
}

func Lookup(m map[string]int, key string) int {
	return m[key]
}

func Counter() func() int {
	n := 0
	return func() int {
		n++
		return n
	}
}

func Adder(base int) func(int) int {
	return func(x int) int { return base + x }
}
