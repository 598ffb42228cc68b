package events

import (
	"bytes"
	"encoding/json"
	"net/http"
	"os"
	"sync"
)

// The file is read once per outer iteration; the inner loop unmarshals every line of it.
func LoadLines(names []string) ([]Event, error) {
	var out []Event
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return nil, err
		}
		for _, line := range bytes.Split(data, []byte("\n")) {
			var ev Event
			if err := json.Unmarshal(line, &ev); err != nil { // want
				return nil, err
			}
			out = append(out, ev)
		}
	}
	return out, nil
}

// The request is sent by a goroutine, not by the iteration.
func PostLater(url string, events []Event) {
	for _, ev := range events {
		b, _ := json.Marshal(ev) // want
		go func() {
			resp, err := http.Post(url, "application/json", bytes.NewReader(b))
			if err == nil {
				resp.Body.Close()
			}
		}()
	}
}

// Writes to an in-memory buffer, and a sync.Once's Do, are no I/O.
func Collect(events []Event, once *sync.Once) []byte {
	var buf bytes.Buffer
	for _, ev := range events {
		b, _ := json.Marshal(ev) // want
		buf.Write(b)
		once.Do(func() {})
	}
	return buf.Bytes()
}

// A response writer is buffered: a write per item is no round trip, and an Encoder on w does the same work
// without a buffer per item.
func Export(w http.ResponseWriter, events []Event) {
	for _, ev := range events {
		line, err := json.Marshal(ev) // want
		if err != nil {
			continue
		}
		w.Write(append(line, '\n'))
	}
}
