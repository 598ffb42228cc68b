package api

import (
	"encoding/json"
	"io"
	"io/ioutil"
	"net/http"
)

type Item struct{ Name string }

func create(w http.ResponseWriter, r *http.Request) {
	data, err := io.ReadAll(r.Body) // want
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	var it Item
	if err := json.Unmarshal(data, &it); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
	}
}

func decode(req *http.Request, out any) error {
	data, err := ioutil.ReadAll(req.Body) // want
	if err != nil {
		return err
	}
	return json.Unmarshal(data, out)
}
