// Package cache keeps entries behind pointers in maps and slices, and
// passes parameters to places that outlive the call.
package cache

import (
	"sync"
	"time"
)

type Entry struct {
	Key     string
	Value   string
	Expires time.Time
}

type Cache struct {
	mu      sync.Mutex
	entries map[string]*Entry
	order   []*Entry
	evicted chan *Entry
}

var global = New(16)

var lastKey string

func New(size int) *Cache {
	return &Cache{
		entries: make(map[string]*Entry, size),
		evicted: make(chan *Entry, size),
	}
}

func (c *Cache) Set(key, value string, ttl time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e := &Entry{Key: key, Value: value, Expires: time.Now().Add(ttl)}
	c.entries[key] = e
	c.order = append(c.order, e)
	lastKey = key
}

func (c *Cache) Get(key string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok || time.Now().After(e.Expires) {
		return "", false
	}
	return e.Value, true
}

func (c *Cache) Evict(n int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for i := 0; i < n && len(c.order) > 0; i++ {
		e := c.order[0]
		c.order = c.order[1:]
		delete(c.entries, e.Key)
		c.evicted <- e
	}
}

func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}

func Global() *Cache {
	return global
}

func (c *Cache) Put(e *Entry) {
	c.mu.Lock()
	c.entries[e.Key] = e
	c.mu.Unlock()
}

func (c *Cache) Send(e *Entry) {
	c.evicted <- e
}

func Keep(key string) {
	lastKey = key
}

func Expire(e Entry) time.Time {
	return e.Expires
}

func Touch(c *Cache, key string) {
	now := time.Now()
	c.mu.Lock()
	if e, ok := c.entries[key]; ok {
		e.Expires = now
	}
	c.mu.Unlock()
}

func Pointers(n int) []*int {
	out := make([]*int, 0, 4)
	for i := 0; i < n; i++ {
		v := i * 2
		out = append(out, &v)
	}
	return out
}

func Swap(a, b *int) {
	*a, *b = *b, *a
}
