package main

import "fmt"

type Order struct{ Total int }

type Ledger struct{ sum int }

func (l *Ledger) add(o *Order) {
	if o == nil {
		return
	}
	l.sum += o.Total
}

func main() {
	l := &Ledger{}
	l.add(nil)
	fmt.Println(l.sum)
}
