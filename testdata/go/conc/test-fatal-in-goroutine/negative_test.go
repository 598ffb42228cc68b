package server

import (
	"errors"
	"testing"
)

func TestErrorFromGoroutine(t *testing.T) {
	errs := make(chan error, 1)
	go func() {
		errs <- errors.New("boom")
		t.Error("reported, not fatal")
	}()
	if err := <-errs; err != nil {
		t.Fatal(err)
	}
}

// Subtests get their own t.
func TestSubtests(t *testing.T) {
	go func() {
		t.Run("inner", func(t *testing.T) {
			t.Fatal("fine: its own test goroutine")
		})
	}()
}

// A closure called synchronously.
func TestClosure(t *testing.T) {
	check := func(ok bool) {
		if !ok {
			t.Fatal("not ok")
		}
	}
	check(true)
}

type fakeT struct{}

func (fakeT) Fatal(...any) {}

func TestNotTesting(t *testing.T) {
	f := fakeT{}
	go func() {
		f.Fatal("not a testing.T")
	}()
}
