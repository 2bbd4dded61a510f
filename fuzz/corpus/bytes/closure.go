package main
func f() { go func() { recover() }() }
