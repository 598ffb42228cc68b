package events

import (
	"encoding/json"
	"io"
)

type Event struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
}

func WriteAll(w io.Writer, events []Event) error {
	for _, ev := range events {
		b, err := json.Marshal(ev) // want
		if err != nil {
			return err
		}
		if _, err := w.Write(append(b, '\n')); err != nil {
			return err
		}
	}
	return nil
}

func Parse(lines [][]byte) ([]Event, error) {
	out := make([]Event, 0, len(lines))
	for _, line := range lines {
		var ev Event
		if err := json.Unmarshal(line, &ev); err != nil { // want
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}
