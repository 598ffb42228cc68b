package ledger

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

func sampleLedger(n int) *Ledger {
	l := New()
	memo := strings.Repeat("Quarterly reconciliation of the supplier account, see attached statement. ", 24)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		l.Add(Entry{ID: fmt.Sprintf("E%06d", i), Date: start.AddDate(0, 0, i%365), Amount: int64(i * 137), Memo: memo})
	}
	return l
}

func TestExportEndsEveryLineWithItsCheckValue(t *testing.T) {
	l := sampleLedger(3)
	defer l.Close()
	var out strings.Builder
	if err := l.Export(&out); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("want 3 lines, got %d", len(lines))
	}
	for _, line := range lines {
		cut := strings.LastIndexByte(line, '|')
		if len(line)-cut-1 != 8 {
			t.Fatalf("line does not end with an 8-digit check value: %q", line[cut:])
		}
	}
}

func BenchmarkExport(b *testing.B) {
	l := sampleLedger(200)
	defer l.Close()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := l.Export(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
