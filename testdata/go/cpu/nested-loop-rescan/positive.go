package dedupe

type Node struct {
	ID   string
	Deps []string
}

func unique(in []string) []string {
	var out []string
	for _, s := range in {
		found := false
		for _, o := range out { // want
			if o == s {
				found = true
				break
			}
		}
		if !found {
			out = append(out, s)
		}
	}
	return out
}

// A labelled continue, and indexing instead of a range variable.
func merge(a, b []int) []int {
	res := append([]int(nil), a...)
next:
	for _, x := range b {
		for j := 0; j < len(res); j++ { // want
			if res[j] == x {
				continue next
			}
		}
		res = append(res, x)
	}
	return res
}

// Pairwise over the same slice.
func hasDuplicate(nodes []Node) bool {
	for i, a := range nodes {
		for j, b := range nodes { // want
			if i != j && a.ID == b.ID {
				return true
			}
		}
	}
	return false
}

type Graph struct {
	nodes []*Node
}

// A field, growing.
func (g *Graph) add(ns []*Node) {
	for _, n := range ns {
		dup := false
		for _, have := range g.nodes { // want
			if have.ID == n.ID {
				dup = true
				break
			}
		}
		if !dup {
			g.nodes = append(g.nodes, n)
		}
	}
}
