package client

import (
	"fmt"
	"os"
)

func Dial(addr string) error {
	if addr == "" {
		return fmt.Errorf("empty address") // want
	}
	return nil
}

func Banner() string {
	return fmt.Sprintf(`client v1`) // want
}

func Report(lines []string) {
	for range lines {
		fmt.Printf("-\n") // want
	}
	fmt.Fprintf(os.Stderr, "done\n") // want
}
