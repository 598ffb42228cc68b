package events

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
)

type Event struct {
	ID string `json:"id"`
}

func Serve(conn net.Conn, handle func(Event)) error {
	r := bufio.NewReader(conn)
	for {
		var ev Event
		if err := json.NewDecoder(r).Decode(&ev); err != nil { // want
			return err
		}
		handle(ev)
	}
}

func Stream(w io.Writer, in <-chan Event) error {
	for ev := range in {
		if err := json.NewEncoder(w).Encode(ev); err != nil { // want
			return err
		}
	}
	return nil
}

type session struct {
	conn net.Conn
}

// A field of the receiver is the same connection on every iteration.
func (s *session) readAll(handle func(Event)) error {
	for {
		var ev Event
		dec := json.NewDecoder(s.conn) // want
		if err := dec.Decode(&ev); err != nil {
			return err
		}
		handle(ev)
	}
}

// The reader is read in the loop, never replaced.
func Pump(r io.Reader, out chan<- Event) {
	for i := 0; ; i++ {
		var ev Event
		if json.NewDecoder(r).Decode(&ev) != nil { // want
			close(out)
			return
		}
		out <- ev
	}
}
