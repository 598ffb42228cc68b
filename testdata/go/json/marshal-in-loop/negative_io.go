package events

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
)

// Each iteration also reads a file, sends a request, writes a file or runs a statement: the encoding is noise
// next to the I/O.

func LoadAll(dir string, names []string) ([]Event, error) {
	out := make([]Event, 0, len(names))
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, err
		}
		var ev Event
		if err := json.Unmarshal(data, &ev); err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}

func PostAll(ctx context.Context, client *http.Client, url string, events []Event) error {
	for _, ev := range events {
		b, err := json.Marshal(ev)
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(b))
		if err != nil {
			return err
		}
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		resp.Body.Close()
	}
	return nil
}

func PrintAll(events []Event) {
	for _, ev := range events {
		b, err := json.MarshalIndent(ev, "", "\t")
		if err != nil {
			continue
		}
		os.Stdout.Write(append(b, '\n'))
	}
}

func SaveAll(f *os.File, events []Event) error {
	for _, ev := range events {
		b, err := json.Marshal(ev)
		if err != nil {
			return err
		}
		if _, err := f.Write(b); err != nil {
			return err
		}
	}
	return nil
}

func StoreAll(db *sql.DB, events []Event) error {
	for _, ev := range events {
		b, _ := json.Marshal(ev)
		if _, err := db.Exec("INSERT INTO events (body) VALUES ($1)", b); err != nil {
			return err
		}
	}
	return nil
}

type publisher interface {
	Publish(subject string, data []byte) error
}

func Announce(nc publisher, events []Event) {
	for _, ev := range events {
		if b, err := json.Marshal(ev); err == nil {
			_ = nc.Publish("events."+ev.Kind, b)
		}
	}
}
