package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"io"
	"log"
	"net/http"
	"strconv"
)

type Event struct{ ID int }

// The bytes are also measured.
func respond(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.Write(b)
}

// Sent as a request body, not written.
func post(url string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	resp, err := http.Post(url, "application/json", bytes.NewReader(b))
	if err != nil {
		return err
	}
	return resp.Body.Close()
}

// In a loop, json/marshal-in-loop speaks.
func stream(w io.Writer, events []Event) {
	for _, ev := range events {
		b, _ := json.Marshal(ev)
		w.Write(b)
	}
}

// Logged, not written.
func trace(v any) {
	b, _ := json.Marshal(v)
	log.Printf("%s", b)
}

// append to another slice first.
func framed(w io.Writer, v any, header []byte) {
	b, _ := json.Marshal(v)
	w.Write(append(header, b...))
}

// A hash sees every byte: Encode's newline would change it.
func digest(v any) []byte {
	b, _ := json.Marshal(v)
	h := sha256.New()
	h.Write(b)
	return h.Sum(nil)
}

// A writer of unknown kind.
func send(w io.Writer, v any) {
	b, _ := json.Marshal(v)
	w.Write(b)
}
