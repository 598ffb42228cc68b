package client

import (
	"errors"
	"fmt"
	"os"
)

var errEmpty = errors.New("empty address")

func Percent() string {
	// %% needs the formatter to become a single %.
	return fmt.Sprintf("100%%")
}

func WithArgs(addr string) error {
	return fmt.Errorf("dial %s: %w", addr, errEmpty)
}

func NonLiteral(format string) string {
	return fmt.Sprintf(format)
}

func Concat(name string) {
	fmt.Fprintf(os.Stdout, "hello "+name)
}

type logger struct{}

func (logger) Printf(format string, args ...any) {}

func Local() {
	fmt := logger{}
	fmt.Printf("ready")
}
