// Package jsonrpc speaks JSON-RPC 2.0 over a stream connection, one message per line.
package jsonrpc

import (
	"bufio"
	"encoding/json"
	"net"
	"sync"
)

// Message is one request or notification.
type Message struct {
	ID     int             `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

// Transport reads and writes messages on one connection.
type Transport struct {
	conn net.Conn
	r    *bufio.Reader
	w    *bufio.Writer
	mu   sync.Mutex
}

// NewTransport wraps a connection.
func NewTransport(conn net.Conn) *Transport {
	return &Transport{conn: conn, r: bufio.NewReader(conn), w: bufio.NewWriter(conn)}
}

// ReadLoop decodes one message per line and hands it to handle.
func (t *Transport) ReadLoop(handle func(Message)) error {
	for {
		line, err := t.r.ReadBytes('\n')
		if err != nil {
			return err
		}
		var m Message
		if err := json.Unmarshal(line, &m); err != nil {
			continue
		}
		handle(m)
	}
}

// Send writes one message; concurrent senders take turns on the writer.
func (t *Transport) Send(m Message) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if _, err := t.w.Write(append(b, '\n')); err != nil {
		return err
	}
	return t.w.Flush()
}
