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

type Node struct {
	Name string
	Deps []*Node
}

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

// A table of more than a handful of elements.
func weekdays() []string {
	days := []string{"mon", "tue", "wed", "thu", "fri", "sat", "sun", "hol", "ext"}
	var out []string // want
	for _, d := range days {
		out = append(out, strings.ToUpper(d))
	}
	return out
}

// The spread is in another slice's append, inside a func literal; this one appends one element per order.
func namesAndItems(orders []Order) ([]string, func() []Item) {
	var items []Item
	collect := func() []Item {
		for _, o := range orders {
			items = append(items, o.Items...)
		}
		return items
	}
	var names []string // want
	for _, o := range orders {
		names = append(names, o.ID)
	}
	return names, collect
}

// The literal is only the start: the map is filled before the loop.
func seen(orders []Order) []string {
	byID := map[string]bool{}
	for _, o := range orders {
		byID[o.ID] = true
	}
	var ids []string // want
	for id := range byID {
		ids = append(ids, id)
	}
	return ids
}

func grown(extra []string) []string {
	base := []string{"a", "b"}
	base = append(base, extra...)
	var out []string // want
	for _, b := range base {
		out = append(out, strings.ToUpper(b))
	}
	return out
}

// The queue is filled by a closure called once per dependency: one append written, any number made.
func closure(root *Node) []string {
	var queue []*Node
	add := func(n *Node) {
		queue = append(queue, n)
	}
	add(root)
	for i := 0; i < len(queue); i++ {
		for _, dep := range queue[i].Deps {
			add(dep)
		}
	}
	var names []string // want
	for _, n := range queue {
		names = append(names, n.Name)
	}
	return names
}
