// Package wal appends records to a write-ahead log.
package wal

import (
	"encoding/binary"
	"hash/crc32"
	"os"
	"path/filepath"
	"sync"
)

// Log is an append-only file of checksummed records.
type Log struct {
	mu  sync.Mutex
	dir string
	f   *os.File
}

// Open opens or creates the log in dir.
func Open(dir string) (*Log, error) {
	f, err := os.OpenFile(filepath.Join(dir, "wal"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, err
	}
	return &Log{dir: dir, f: f}, nil
}

// Append writes one record with its length and checksum.
func (l *Log) Append(record []byte) error {
	var header [8]byte
	binary.LittleEndian.PutUint32(header[:4], uint32(len(record)))
	binary.LittleEndian.PutUint32(header[4:], crc32.ChecksumIEEE(record))
	l.mu.Lock()
	defer l.mu.Unlock()
	if _, err := l.f.Write(header[:]); err != nil {
		return err
	}
	_, err := l.f.Write(record)
	return err
}

// Rotate moves the log aside and starts a new one.
func (l *Log) Rotate() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.f.Close(); err != nil {
		return err
	}
	old := filepath.Join(l.dir, "wal.old")
	os.Remove(old)
	if err := os.Rename(filepath.Join(l.dir, "wal"), old); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(l.dir, "wal"))
	if err != nil {
		return err
	}
	l.f = f
	return nil
}

// Replay reads the whole log back.
func (l *Log) Replay() ([]byte, error) {
	return os.ReadFile(filepath.Join(l.dir, "wal"))
}
