package server

import (
	f "fmt"
	"net"
	"net/http"
)

type Logger struct{ level int }

func (l *Logger) Debug(msg string, fields ...Field)       {}
func (l *Logger) Debugf(format string, args ...any)       {}
func (l *Logger) Tracew(msg string, keysAndValues ...any) {}
func (l *Logger) V(level int) Verbose                     { return Verbose(level <= l.level) }

type Verbose bool

func (v Verbose) Info(args ...any) {}

type Field struct{ Key, Value string }

func String(key, value string) Field { return Field{key, value} }

type Event struct{}

func (l *Logger) Trace() *Event                  { return nil }
func (e *Event) Str(k, v string) *Event          { return e }
func (e *Event) Msg(msg string)                  {}
func (e *Event) Msgf(format string, args ...any) {}

type Handler struct{ log *Logger }

func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.log.Debug(f.Sprintf("%s %s", r.Method, r.URL)) // want
}

type Conn struct {
	id   int
	addr net.Addr
	log  *Logger
}

func closeAll(conns []*Conn) {
	for _, c := range conns {
		c.log.Debug(f.Sprintf("closing connection %d", c.id))   // want
		c.log.Debug("closing", String("addr", c.addr.String())) // want
		c.log.Debugf("closed %s", c.addr.String())              // want
	}
}

func (c *Conn) Read(msgs [][]byte) {
	for _, m := range msgs {
		c.log.Tracew("message", "size", f.Sprint(len(m)))                     // want
		c.log.Trace().Str("conn", "x").Msg(f.Sprintf("got %d bytes", len(m))) // want
		c.log.V(4).Info(f.Sprintln("read", len(m), "bytes"))                  // want
	}
}
