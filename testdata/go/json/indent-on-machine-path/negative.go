package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
)

type Report struct{ Lines int }

// Output for people: a CLI.
func printReport(r Report) {
	b, _ := json.MarshalIndent(r, "", "  ")
	fmt.Println(string(b))
}

// A configuration file a person edits.
func saveConfig(path string, r Report) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// A status page: people read it in a browser as often as programs do.
func status(w http.ResponseWriter, r *http.Request) {
	b, _ := json.MarshalIndent(Report{}, "", "  ")
	w.Write(b)
}

// Indentation on request.
func report(w http.ResponseWriter, r *http.Request) {
	var in Report
	_ = json.NewDecoder(r.Body).Decode(&in)
	var b []byte
	if r.URL.Query().Get("pretty") != "" {
		b, _ = json.MarshalIndent(in, "", "  ")
	} else {
		b, _ = json.Marshal(in)
	}
	w.Write(b)
}

func encode(w http.ResponseWriter, r *http.Request, human bool) error {
	var in Report
	_ = json.NewDecoder(r.Body).Decode(&in)
	enc := json.NewEncoder(w)
	if human {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(in)
}

type table struct{}

func (table) SetIndent(prefix, indent string) {}

// Not a json.Encoder.
func render(w http.ResponseWriter, r *http.Request, t table) {
	_ = json.NewDecoder(r.Body).Decode(&t)
	t.SetIndent("", "  ")
}
