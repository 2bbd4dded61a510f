module example.com/escapecorpus

go 1.19
