package main

func main() {
	var results chan int = nil
	close(results)
}
