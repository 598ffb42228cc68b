package wire

import (
	"bytes"
	"compress/gzip"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("x"))
	zw.Close()
}
