package users

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
