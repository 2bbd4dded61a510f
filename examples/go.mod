module faultline.example/crashes

// go 1.21: below 1.22 every `for` loop shares one variable across iterations,
// so RACE001 (loop-variable-capture) applies to this module.
go 1.21
