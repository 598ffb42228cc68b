// Package report renders tables as text.
package report

import (
	"fmt"
	"strings"
)

// Row is one line of a table.
type Row struct {
	Name  string
	Count int
}

// Table renders rows as fixed-width text.
func Table(rows []Row) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(fmt.Sprintf("%-20s %8d\n", r.Name, r.Count))
	}
	return b.String()
}

// CSV renders rows as comma-separated values.
func CSV(rows []Row) string {
	out := ""
	for _, r := range rows {
		out += fmt.Sprintf("%s,%d\n", r.Name, r.Count)
	}
	return out
}
