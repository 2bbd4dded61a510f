package main

import "fmt"

type Order struct{ Total int }

type Ledger struct{ sum int }

func (l *Ledger) add(o *Order) {
	l.sum += o.Total
}

func main() {
	l := &Ledger{}
	l.add(nil)
	fmt.Println(l.sum)
}
