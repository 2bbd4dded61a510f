// A small order service mixing the crash patterns as they appear in real
// handlers: a lookup whose miss is reported to the client but not returned
// from (NIL001), and a response built as a pointer that escapes (ESC001).
// The recovery middleware is written correctly.
//
// 订单服务:查不到订单时写了 404,却忘了 return。
package service

import (
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"sync"
)

type Customer struct {
	Name string
	Tier string
}

type Order struct {
	ID       string
	Customer Customer
	Items    []string
}

type Server struct {
	mu     sync.Mutex
	orders map[string]*Order
}

func NewServer() *Server {
	return &Server{orders: make(map[string]*Order)} // faultline: ESC001
}

func (s *Server) Routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("/order", s.handleOrder)
	mux.HandleFunc("/order.json", s.handleOrderJSON)
	return withRecovery(mux)
}

// Put stores the address of its parameter in the map: o is moved to the heap.
func (s *Server) Put(o Order) { // faultline: ESC001
	s.mu.Lock()
	defer s.mu.Unlock()
	s.orders[o.ID] = &o
}

func (s *Server) find(id string) *Order { // faultline: ESC006
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.orders[id]
}

// handleOrder writes the 404 and then falls through to the dereference.
func (s *Server) handleOrder(w http.ResponseWriter, r *http.Request) {
	o := s.find(r.URL.Query().Get("id"))
	if o == nil {
		http.Error(w, "订单不存在 ❌", http.StatusNotFound)
	}
	fmt.Fprintf(w, "order %s for %s: %d items\n", o.ID, o.Customer.Name, len(o.Items)) // faultline: NIL001 ESC003
}

type orderView struct {
	ID    string `json:"id"`
	Items int    `json:"items"`
}

func view(o *Order) *orderView {
	return &orderView{ID: o.ID, Items: len(o.Items)} // faultline: ESC001
}

// handleOrderJSON is the fixed handler: it returns after the 404.
func (s *Server) handleOrderJSON(w http.ResponseWriter, r *http.Request) {
	o := s.find(r.URL.Query().Get("id"))
	if o == nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	if err := json.NewEncoder(w).Encode(view(o)); err != nil {
		log.Printf("encode: %v", err)
	}
}

// withRecovery turns a handler panic into a 500; recover is called directly
// by the deferred closure, so it works.
func withRecovery(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				log.Printf("panic serving %s: %v", r.URL.Path, p)
				http.Error(w, "internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
