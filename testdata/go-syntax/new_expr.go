// turk-test: go=1.26
// `new` with an expression operand (Go 1.26), next to the classic `new(Type)` forms it must not change.
package syntax

import "time"

type Message struct {
	ID    int
	Id    *uint64
	Name  *string
	Sent  *time.Time
	Tags  *[]string
	Retry *int
}

type Box[T any] struct{ v T }

func convert(m Message, name string, attempts int) Message {
	return Message{
		Id:    new(uint64(m.ID)),
		Name:  new(name + "!"),
		Sent:  new(time.Now()),
		Tags:  new([]string{"a", "b"}),
		Retry: new(attempts * 2),
	}
}

func literals() (*int, *string, *bool, *float64, *Message, *Box[int]) {
	return new(42), new("text"), new(len("x") > 0), new(1.5), new(Message{ID: 1}), new(Box[int]{v: 1})
}

func calls(f func() int, xs []int, m map[string]int) (*int, *int, *int, *func() int) {
	return new(f()), new(xs[0]), new(m["k"]), new(func() int { return 1 })
}

func types() {
	_ = new(int)
	_ = new(time.Time)
	_ = new([]byte)
	_ = new(map[string]int)
	_ = new(*Message)
	_ = new(Box[string])
	_ = new(struct{ n int })
	_ = new(func(int) error)
	_ = new(chan<- int)
	_ = new([4]int)
	_ = new(interface{ Close() error })
	_ = make([]int, 3, 10)
	_ = make(map[string]Box[int])
	_ = make(chan struct{})
}
