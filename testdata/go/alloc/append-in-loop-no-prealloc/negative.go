package orders

import (
	"maps"
	"strings"
)

func Preallocated(orders []Order) []string {
	ids := make([]string, 0, len(orders))
	for _, o := range orders {
		ids = append(ids, o.ID)
	}
	return ids
}

func Filtered(orders []Order) []string {
	var ids []string
	for _, o := range orders {
		if o.ID != "" {
			ids = append(ids, o.ID)
		}
	}
	return ids
}

func Early(orders []Order) []string {
	var ids []string
	for _, o := range orders {
		if len(ids) > 10 {
			break
		}
		ids = append(ids, o.ID)
	}
	return ids
}

func FromChannel(in <-chan Order) []Order {
	var all []Order
	for o := range in {
		all = append(all, o)
	}
	return all
}

func FromIterator(m map[string]int) []string {
	var keys []string
	for k := range maps.Keys(m) {
		keys = append(keys, k)
	}
	return keys
}

func NotFollowing(orders []Order) []string {
	var ids []string
	ids = append(ids, "head")
	for _, o := range orders {
		ids = append(ids, o.ID)
	}
	return ids
}

func AlsoRead(orders []Order) []string {
	var ids []string
	for _, o := range orders {
		ids = append(ids, o.ID)
		if len(ids)%2 == 0 {
			o.ID = ""
		}
	}
	return ids
}

func Nested(orders []Order) []string {
	var skus []string
	for _, o := range orders {
		for _, it := range o.Items {
			skus = append(skus, it.SKU)
		}
	}
	return skus
}

// A spread append adds as many elements as each slice has: the final length is not known.
func allItems(orders []Order) []Item {
	var items []Item
	for _, o := range orders {
		items = append(items, o.Items...)
	}
	return items
}

func expand(words []string) []string {
	out := []string{}
	for _, w := range words {
		out = append(out, strings.Fields(w)...)
	}
	return out
}

// Loops over a handful of elements written in the code.
func headers() []string {
	var hs []string
	for _, h := range []string{"Accept", "Content-Type", "Authorization"} {
		hs = append(hs, strings.ToLower(h))
	}
	return hs
}

func levels() []string {
	names := [...]string{"debug", "info", "warn", "error"}
	var out []string
	for _, n := range names {
		out = append(out, strings.ToUpper(n))
	}
	return out
}

func retries() []int {
	var delays []int
	for i := range 3 {
		delays = append(delays, 100<<i)
	}
	return delays
}

// A package-level table of a few elements, never written in this file.
var priorities = []string{"low", "normal", "high"}

func priorityLabels() []string {
	var labels []string
	for _, p := range priorities {
		labels = append(labels, strings.ToUpper(p))
	}
	return labels
}
