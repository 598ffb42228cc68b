package server

import (
	"fmt"
	"log"
	"net"
)

type Log struct{ debug bool }

func (l *Log) Debugf(format string, args ...any) {}
func (l *Log) Debug(msg string)                  {}
func (l *Log) Info(msg string)                   {}
func (l *Log) Errorf(format string, args ...any) {}
func (l *Log) DebugEnabled() bool                { return l.debug }

type Event struct{}

func (l *Log) Info2() *Event  { return nil }
func (e *Event) Msg(m string) {}

type Peer struct {
	addr net.Addr
	log  *Log
}

func (p *Peer) Handle(ns []int) {
	for _, n := range ns {
		p.handle(n)
	}
}

func (p *Peer) handle(n int) {
	// Formatted by the logger, only when enabled.
	p.log.Debugf("peer %s sent %d bytes", p.addr, n)
	// Checked first.
	if p.log.DebugEnabled() {
		p.log.Debug(fmt.Sprintf("peer %s sent %d bytes", p.addr, n))
	}
	if p.log.debug {
		p.log.Debug(p.addr.String())
	}
	// Info and Error are on in production: the message is needed anyway.
	p.log.Info(fmt.Sprintf("peer %s connected", p.addr))
	p.log.Errorf("peer %s: %s", p.addr, fmt.Sprint(n))
	p.log.Info2().Msg(fmt.Sprintf("peer %s", p.addr))
	// The standard library's log has no levels.
	log.Print(fmt.Sprintf("peer %s", p.addr))
	// A plain string argument.
	p.log.Debug("peer connected")
}

// Once, when a peer goes away: not worth a finding.
func (p *Peer) Close() {
	p.log.Debug(fmt.Sprintf("peer %s closed", p.addr))
}
