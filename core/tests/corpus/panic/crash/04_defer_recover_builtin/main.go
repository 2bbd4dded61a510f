package main

func main() {
	defer recover()
	panic("boom")
}
