package main

import (
	"bufio"
	"log"
	"os"
)

func main() {
	f, err := os.Create("report.txt")
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	w := bufio.NewWriter(f)
	defer w.Flush()
	if err := write(w); err != nil {
		log.Fatalf("write: %v", err) // want
	}
	if len(os.Args) > 2 {
		os.Exit(2) // want
	}
}

func write(w *bufio.Writer) error {
	_, err := w.WriteString("ok\n")
	return err
}
