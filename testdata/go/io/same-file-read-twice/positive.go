package config

import (
	"encoding/json"
	"errors"
	"io/ioutil"
	"os"
	"path/filepath"
)

type Config struct{ Name string }

func load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if !json.Valid(data) {
		return nil, errors.New("invalid config")
	}
	raw, err := ioutil.ReadFile(path) // want
	if err != nil {
		return nil, err
	}
	var c Config
	return &c, json.Unmarshal(raw, &c)
}

func sizeAndMode(dir, name string) (int64, os.FileMode, error) {
	st, err := os.Stat(filepath.Join(dir, name))
	if err != nil {
		return 0, 0, err
	}
	size := st.Size()
	st2, err := os.Stat(filepath.Join(dir, name)) // want
	if err != nil {
		return 0, 0, err
	}
	return size, st2.Mode(), nil
}

func scan(paths []string) int {
	n := 0
	for _, p := range paths {
		if _, err := os.Lstat(p); err != nil {
			continue
		}
		fi, _ := os.Lstat(p) // want
		n += int(fi.Size())
	}
	return n
}
