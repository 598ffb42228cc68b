// turk-test: go=1.26
// A generic type that refers to itself in its own type parameter list (Go 1.26).
package syntax

type Adder[A Adder[A]] interface {
	Add(A) A
}

type Node[N Node[N]] interface {
	Children() []N
}

func Total[A Adder[A]](xs []A) A {
	var sum A
	for _, x := range xs {
		sum = sum.Add(x)
	}
	return sum
}
