package events

import (
	"encoding/json"
)

func Later(events []Event, done chan []byte) {
	for _, ev := range events {
		go func() {
			b, _ := json.Marshal(ev)
			done <- b
		}()
	}
}

type codec struct{}

func (codec) Marshal(v any) ([]byte, error) { return nil, nil }

func Local(events []Event) {
	json := codec{}
	for _, ev := range events {
		json.Marshal(ev)
	}
}
