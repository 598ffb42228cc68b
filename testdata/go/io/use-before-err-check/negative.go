package fetch

import (
	"io"
	"net/http"
	"os"
)

func getChecked(url string) ([]byte, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}

type store struct{}

func (store) Open(name string) (*os.File, error) { return nil, nil }

func cached(s store, name string) error {
	// A method named Open on some store: only the `.Body.Close()` shape identifies a response.
	f, err := s.Open(name)
	defer f.Close()
	return err
}

func shadowedOS(name string) error {
	os := store{}
	f, err := os.Open(name)
	defer f.Close()
	return err
}

func reassigned(url string) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	resp.Body.Close()
	resp, err = http.Get(url + "/next")
	if err == nil {
		defer resp.Body.Close()
	}
	return err
}

func createChecked(name string) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString("ok")
	return err
}
