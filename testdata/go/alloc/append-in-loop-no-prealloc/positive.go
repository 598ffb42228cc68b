package orders

import (
	"net/http"
	"strings"
)

type Order struct {
	ID    string
	Items []Item
}

type Item struct{ SKU string }

func IDs(orders []Order) []string {
	var ids []string // want
	for _, o := range orders {
		ids = append(ids, o.ID)
	}
	return ids
}

func SKUs(o Order) []string {
	skus := []string{} // want
	for _, it := range o.Items {
		skus = append(skus, strings.ToUpper(it.SKU))
	}
	return skus
}

func Keys(index map[string]int) []string {
	keys := make([]string, 0) // want
	// Ranging over a map: len(index) is known.
	for k := range index {
		keys = append(keys, k)
	}
	return keys
}

func Handle(w http.ResponseWriter, r *http.Request) {
	fields := strings.Split(r.URL.RawQuery, "&")
	var names []string // want
	for i, f := range fields {
		names = append(names, f, strings.Repeat("-", i))
	}
	_, _ = w.Write([]byte(strings.Join(names, ",")))
}
