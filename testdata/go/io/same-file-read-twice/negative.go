package config

import (
	"io/ioutil"
	"os"
	"time"
)

// Stat, then read: left alone.
func readIfExists(path string) ([]byte, error) {
	if _, err := os.Stat(path); os.IsNotExist(err) {
		return nil, nil
	}
	return os.ReadFile(path)
}

// Written between the two reads.
func update(path string, extra []byte) ([]byte, error) {
	old, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(path, append(old, extra...), 0o644); err != nil {
		return nil, err
	}
	return os.ReadFile(path)
}

// The path changes between the reads.
func both(path, other string) ([]byte, []byte) {
	a, _ := os.ReadFile(path)
	path = other
	b, _ := os.ReadFile(path)
	return a, b
}

// Two branches: only one runs.
func pick(path string, fast bool) ([]byte, error) {
	if fast {
		return ioutil.ReadFile(path)
	} else {
		return os.ReadFile(path)
	}
}

func choose(path string, mode int) {
	switch mode {
	case 1:
		_, _ = os.Stat(path)
	case 2:
		_, _ = os.Stat(path)
	}
}

// The first read is on a path that returns.
func cached(path string, useCache bool) ([]byte, error) {
	if useCache {
		b, err := os.ReadFile(path)
		if err == nil {
			return b, nil
		}
		return nil, err
	}
	return os.ReadFile(path)
}

// Polling for a change: a sleep between.
func waitForChange(path string) {
	before, _ := os.Stat(path)
	time.Sleep(time.Second)
	after, _ := os.Stat(path)
	_ = before.ModTime().Equal(after.ModTime())
}

// A func literal is another function.
func deferred(path string) func() []byte {
	_, _ = os.ReadFile(path)
	return func() []byte {
		b, _ := os.ReadFile(path)
		return b
	}
}

// Different paths.
func two(a, b string) {
	_, _ = os.ReadFile(a)
	_, _ = os.ReadFile(b)
}

// A helper runs between the reads: it may have changed the file, and the second read checks that.
func afterTrim(path string) ([]byte, []byte) {
	before, _ := os.ReadFile(path)
	trim(path)
	after, _ := os.ReadFile(path)
	return before, after
}

func trim(path string) {}
