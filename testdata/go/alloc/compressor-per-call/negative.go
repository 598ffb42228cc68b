package wire

import (
	"bytes"
	"bufio"
	"compress/gzip"
	"io"
	"sync"

	"github.com/klauspost/compress/zstd"
)

var pool = sync.Pool{New: func() any { return gzip.NewWriter(nil) }}

var encoder, _ = zstd.NewWriter(nil)

type Encoder struct {
	zw *gzip.Writer
}

func NewEncoder(w io.Writer) *Encoder {
	return &Encoder{zw: gzip.NewWriter(w)}
}

func (e *Encoder) reset(w io.Writer, level int) error {
	zw, err := gzip.NewWriterLevel(w, level)
	if err != nil {
		return err
	}
	e.zw = zw
	return nil
}

// A wrapper constructor hands the writer to its caller.
func newBuffered(w io.Writer) *bufio.Writer {
	zw := gzip.NewWriter(w)
	return bufio.NewWriter(zw)
}

func compress(dst io.Writer, data []byte) error {
	zw := pool.Get().(*gzip.Writer)
	defer pool.Put(zw)
	zw.Reset(dst)
	if _, err := zw.Write(data); err != nil {
		return err
	}
	return zw.Close()
}

// Readers of the standard packages are small.
func inflate(r io.Reader) (io.Reader, error) {
	return gzip.NewReader(r)
}

type fake struct{}

func (fake) NewWriter(io.Writer) fake { return fake{} }

func shadowed(w io.Writer) {
	gzip := fake{}
	gzip.NewWriter(w)
}

// Once per call, the writer carries a whole stream: not reported outside loops and handlers.
func compress(data []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		return nil, err
	}
	err := zw.Close()
	return buf.Bytes(), err
}

func writeAll(w io.Writer, chunks [][]byte) error {
	zw := gzip.NewWriter(w)
	for _, c := range chunks {
		if _, err := zw.Write(c); err != nil {
			return err
		}
	}
	return zw.Close()
}

// A pool's writers, made in a loop to warm it, are kept.
func warm(n int) {
	for i := 0; i < n; i++ {
		pool.Put(gzip.NewWriter(nil))
	}
}
