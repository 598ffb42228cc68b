package main

import (
	"compress/gzip"
	"database/sql"
	"log"
	"os"
	"runtime/pprof"
	"sync"
)

// Each deferred call here does what the process exit does not: finish a gzip stream, end a transaction, remove
// a temporary folder, finish a profile, release a lock file, sync a file.

func archive(out *os.File, data []byte) {
	zw := gzip.NewWriter(out)
	defer zw.Close()
	if _, err := zw.Write(data); err != nil {
		log.Fatal(err) // want
	}
}

func migrate(db *sql.DB) {
	tx, err := db.Begin()
	if err != nil {
		log.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec("UPDATE t SET x = 1"); err != nil {
		log.Fatalf("update: %v", err) // want
	}
}

func scratch() {
	dir, err := os.MkdirTemp("", "build")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	if len(os.Args) < 2 {
		os.Exit(2) // want
	}
}

func profiled(f *os.File) {
	if err := pprof.StartCPUProfile(f); err != nil {
		log.Fatal(err)
	}
	defer pprof.StopCPUProfile()
	var mu sync.Mutex
	mu.Lock()
	defer mu.Unlock()
	log.Fatalln("done") // want
}

type lock struct{}

func (lock) Unlock() error { return nil }

func locked(fileLock lock) {
	defer fileLock.Unlock()
	log.Fatal("busy") // want
}

func synced(f *os.File) {
	defer func() {
		if err := f.Sync(); err != nil {
			log.Print(err)
		}
	}()
	os.Exit(3) // want
}
