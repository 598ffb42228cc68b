package users

import "sort"

type User struct{ ID, Name string }

func IDs(users []User) []string {
	ids := make([]string, len(users)) // want
	for _, u := range users {
		ids = append(ids, u.ID)
	}
	return ids
}

func Names(users []User, n int) []string {
	var names = make([]string, n) // want
	// Comments and unrelated statements in between do not matter.
	count := 0
	for _, u := range users {
		if u.Name != "" {
			names = append(names, u.Name)
			count++
		}
	}
	return names
}

func Batch(in <-chan User) [][]User {
	var out [][]User
	for {
		batch := make([]User, 16) // want
		for u := range in {
			batch = append(batch, u)
			if len(batch) == cap(batch) {
				break
			}
		}
		out = append(out, batch)
		if len(batch) == 0 {
			return out
		}
	}
}

// The indexing after the append (sort comparator, truncation) only reads: the zero values stay in front.
func TopNames(counts map[string]int, n int) []string {
	names := make([]string, len(counts)) // want
	for name := range counts {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		return counts[names[i]] > counts[names[j]]
	})
	if len(names) > n {
		names = names[:n]
	}
	return names
}

func Copies(users []User) []string {
	ids := make([]string, len(users)) // want
	for _, u := range users {
		ids = append(ids, u.ID)
	}
	out := make([]string, 2)
	copy(out, ids[:2])
	return out
}
