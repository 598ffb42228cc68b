// Package ledger holds bookkeeping entries and exports them as text lines, each followed by a check value.
package ledger

import (
	"bufio"
	"fmt"
	"io"
	"time"

	"example.com/ledger/internal/digest"
	"example.com/ledger/internal/store"
)

// Entry is one booking.
type Entry struct {
	ID     string    `json:"id"`
	Date   time.Time `json:"date"`
	Amount int64     `json:"amount_cents"`
	Memo   string    `json:"memo"`
}

// Ledger is an ordered list of entries.
type Ledger struct {
	entries []Entry
	lines   *store.Cache
}

// New returns an empty ledger.
func New() *Ledger {
	return &Ledger{lines: store.New(time.Minute, 10*time.Second)}
}

// Close releases the ledger's line cache.
func (l *Ledger) Close() {
	l.lines.Close()
}

// Add appends an entry.
func (l *Ledger) Add(e Entry) {
	l.entries = append(l.entries, e)
}

// Entries returns the entries in booking order.
func (l *Ledger) Entries() []Entry {
	return l.entries
}

// Export writes one line per entry: date, id, amount, memo and the line's check value.
func (l *Ledger) Export(w io.Writer) error {
	out := bufio.NewWriter(w)
	for _, e := range l.entries {
		line, ok := l.lines.Get(e.ID)
		if !ok {
			line = format(e)
			l.lines.Put(e.ID, line)
		}
		if _, err := fmt.Fprintf(out, "%s|%08x\n", line, digest.Sum(line)); err != nil {
			return err
		}
	}
	return out.Flush()
}

func format(e Entry) string {
	return fmt.Sprintf("%s|%s|%d.%02d|%s", e.Date.Format("2006-01-02"), e.ID, e.Amount/100, e.Amount%100, e.Memo)
}
