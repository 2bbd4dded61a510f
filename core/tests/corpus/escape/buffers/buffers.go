// Package buffers sizes slices and arrays: constant, non-constant and too
// large for the stack.
package buffers

import (
	"io"
	"strconv"
)

const chunk = 4096

const huge = 1 << 20

type Record struct {
	Fields [8]string
	Line   int
}

func Read(r io.Reader, n int) ([]byte, error) {
	buf := make([]byte, n)
	_, err := io.ReadFull(r, buf)
	return buf, err
}

func Scratch(n int) int {
	tmp := make([]int, 0, n)
	for i := 0; i < n; i++ {
		tmp = append(tmp, i*i)
	}
	return len(tmp)
}

func Fixed() int {
	tmp := make([]byte, chunk)
	return len(tmp)
}

func FixedCap(n int) int {
	tmp := make([]int, n, 16)
	return cap(tmp)
}

func Large() int {
	tmp := make([]byte, huge)
	return len(tmp)
}

func Copy(src []string) []string {
	dst := make([]string, len(src))
	copy(dst, src)
	return dst
}

func Double(src []int) []int {
	dst := make([]int, 2*len(src)+1)
	copy(dst, src)
	return dst
}

func Table() int {
	var table [3 << 20]int32
	table[1] = 2
	return len(table)
}

func SmallTable() int {
	var table [256]int32
	table[1] = 2
	return len(table)
}

func Block() *[1 << 17]byte {
	return new([1 << 17]byte)
}

func LocalBlock() byte {
	b := new([1 << 17]byte)
	return b[0]
}

func Records(lines []string) []*Record {
	out := make([]*Record, 0, len(lines))
	for i, line := range lines {
		rec := &Record{Line: i}
		rec.Fields[0] = line
		out = append(out, rec)
	}
	return out
}

func Numbers(values []int) []string {
	var out []string
	for _, v := range values {
		parts := make([]byte, 0, v)
		parts = strconv.AppendInt(parts, int64(v), 10)
		out = append(out, string(parts))
	}
	return out
}

func Matrix(rows, cols int) [][]float64 {
	m := make([][]float64, rows)
	for i := range m {
		m[i] = make([]float64, cols)
	}
	return m
}

func Sized() int {
	buf := make([]byte, 512)
	for i := range buf {
		buf[i] = byte(i)
	}
	return int(buf[10])
}
