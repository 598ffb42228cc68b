package api

import (
	enc "encoding/json"
	"net"
	"net/http"
)

type Item struct{ Name string }

func writeJSON(w http.ResponseWriter, r *http.Request) {
	b, err := enc.Marshal(Item{Name: r.URL.Path}) // want
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(b)
}

func send(conn net.Conn, it Item) error {
	line, err := enc.Marshal(it) // want
	if err != nil {
		return err
	}
	_, err = conn.Write(append(line, '\n'))
	return err
}
