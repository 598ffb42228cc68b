package events

import (
	"bytes"
	"encoding/json"
	"io"
	"os"
)

func Once(w io.Writer, events []Event) error {
	enc := json.NewEncoder(w)
	for _, ev := range events {
		if err := enc.Encode(ev); err != nil {
			return err
		}
	}
	return nil
}

// A different reader on every iteration: one decoder per file is right.
func Files(paths []string) ([]Event, error) {
	var out []Event
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			return nil, err
		}
		var ev Event
		err = json.NewDecoder(f).Decode(&ev)
		f.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}

// The writer is declared before the loop but replaced in it when the output file changes: each Encoder has its
// own file.
func PerFile(events []Event, open func(string) io.WriteCloser) {
	var w io.WriteCloser
	var enc *json.Encoder
	current := ""
	for _, ev := range events {
		if ev.ID != current {
			if w != nil {
				w.Close()
			}
			current = ev.ID
			w = open(current)
			enc = json.NewEncoder(w)
		}
		enc.Encode(ev)
	}
}

// A fresh buffer per iteration.
func Encoded(events []Event) [][]byte {
	var out [][]byte
	for _, ev := range events {
		var buf bytes.Buffer
		json.NewEncoder(&buf).Encode(ev)
		out = append(out, buf.Bytes())
	}
	return out
}

// A Decoder made once per call, outside any loop.
func One(r io.Reader) (Event, error) {
	var ev Event
	err := json.NewDecoder(r).Decode(&ev)
	return ev, err
}
