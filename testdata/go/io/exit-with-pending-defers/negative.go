package main

import (
	"log"
	"os"
)

func run() error {
	f, err := os.Create("out.txt")
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = f.WriteString("ok")
	return err
}

func entry() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func branch(cond bool) {
	if cond {
		f, _ := os.Open("a")
		defer f.Close()
		return
	}
	// The defer above is in another branch: nothing is pending here.
	os.Exit(1)
}

func literal() {
	cleanup := func() {
		defer log.Print("inner")
	}
	cleanup()
	log.Fatal("stop")
}

func exitFirst() {
	if len(os.Args) < 2 {
		os.Exit(2)
	}
	f, _ := os.Open(os.Args[1])
	defer f.Close()
}

type logger struct{}

func (logger) Fatal(...any) {}

func notLog() {
	log := logger{}
	defer println("bye")
	log.Fatal("not the log package")
}
