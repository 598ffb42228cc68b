package broker

import (
	"log"
	"strings"
	"sync"

	"example.com/relay/internal/wire"
)

type subscriber struct {
	pattern string
	out     chan wire.Message
}

// Broker holds the subscriptions.
type Broker struct {
	mu        sync.RWMutex
	subs      []*subscriber
	published int
}

// New returns an empty broker.
func New() *Broker {
	return &Broker{}
}

// Publish hands a message to every subscriber whose pattern matches its subject.
func (b *Broker) Publish(m wire.Message) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.published++
	for _, s := range b.subs {
		if match(s.pattern, m.Subject) {
			s.out <- m
		}
	}
}

// match reports whether a subject matches a pattern, `*` standing for one token.
func match(pattern, subject string) bool {
	p := strings.Split(pattern, ".")
	s := strings.Split(subject, ".")
	if len(p) != len(s) {
		return false
	}
	for i := range p {
		if p[i] != "*" && p[i] != s[i] {
			return false
		}
	}
	return true
}

// Stats reports how many messages were published.
func (b *Broker) Stats() int {
	b.mu.RLock()
	defer b.mu.RUnlock()
	return b.published
}

func (b *Broker) rejected(from string, err error) {
	log.Printf("rejected a message from %s: %v", from, err)
}
