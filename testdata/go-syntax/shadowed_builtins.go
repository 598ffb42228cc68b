// turk-test: go=1.22
// A local `make` or `new` shadows the builtin: calls to it are ordinary calls with any arguments.
package syntax

func shadowed() int {
	make := func(n int) int { return n * 2 }
	total := make(1 + 2)
	total += make(len("abc"))

	new := func(parts ...string) int { return len(parts) }
	total += new("a", "b")
	args := []string{"x", "y"}
	total += new(args...)
	total += new()
	return total
}

func parameter(new func(string) *int, make func(int, int) []int) []int {
	p := new("named")
	return make(*p, 3)
}
