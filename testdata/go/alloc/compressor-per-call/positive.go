package wire

import (
	"bytes"
	"compress/flate"
	gz "compress/gzip"
	"compress/zlib"
	"io"
	"net/http"

	"github.com/klauspost/compress/s2"
	"github.com/klauspost/compress/zstd"
)

func serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Encoding", "gzip")
	zw, _ := gz.NewWriterLevel(w, gz.BestSpeed) // want
	defer zw.Close()
	io.WriteString(zw, r.URL.Path)
}

func deflateAll(chunks [][]byte, out io.Writer) {
	for _, c := range chunks {
		fw, _ := flate.NewWriter(out, flate.DefaultCompression) // want
		fw.Write(c)
		fw.Close()
	}
}

func packAll(vs [][]byte) [][]byte {
	var out [][]byte
	for _, v := range vs {
		var buf bytes.Buffer
		zw := zlib.NewWriter(&buf) // want
		zw.Write(v)
		zw.Close()
		out = append(out, buf.Bytes())
	}
	return out
}

func unpackAll(srcs [][]byte) {
	for _, src := range srcs {
		dec, _ := zstd.NewReader(nil) // want
		dec.DecodeAll(src, nil)
		dec.Close()
	}
}

func routes(mux *http.ServeMux) {
	mux.HandleFunc("/s2", func(w http.ResponseWriter, r *http.Request) {
		sw := s2.NewWriter(w) // want
		defer sw.Close()
		io.Copy(sw, r.Body)
	})
}

// Messages sent one by one from a queue, each compressed with a new writer.
func sendLoop(queue <-chan []byte, send func([]byte)) {
	for msg := range queue {
		var bb bytes.Buffer
		zw := gz.NewWriter(&bb) // want
		zw.Write(msg)
		zw.Close()
		send(bb.Bytes())
	}
}
