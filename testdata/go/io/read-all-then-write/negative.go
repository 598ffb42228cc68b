package files

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strconv"
	"strings"
)

// The data is used twice: the length goes into a header first.
func serve(w http.ResponseWriter, f *os.File) {
	data, err := io.ReadAll(f)
	if err != nil {
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// Parsed, not written.
func decode(r io.Reader, out any) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	return json.Unmarshal(data, out)
}

// Already in memory.
func echo(w io.Writer, s string) {
	data, _ := io.ReadAll(strings.NewReader(s))
	w.Write(data)
	buf := bytes.NewBuffer(nil)
	more, _ := io.ReadAll(buf)
	w.Write(more)
}

// Written and hashed.
func store(r io.Reader, w io.Writer) [32]byte {
	data, _ := io.ReadAll(r)
	w.Write(data)
	return sha256.Sum256(data)
}

type sink struct{}

func (sink) Write(p []byte, flush bool) {}

// A Write that is not io.Writer's.
func other(r io.Reader, s sink) {
	data, _ := io.ReadAll(r)
	s.Write(data, true)
}
