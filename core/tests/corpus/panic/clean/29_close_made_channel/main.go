package main

func main() {
	done := make(chan struct{})
	close(done)
	<-done
}
