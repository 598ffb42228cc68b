package store

import (
	"errors"
	"fmt"
	"io"
	"sort"
	"sync"
)

func plain(xs []int) string {
	return fmt.Sprintf("%d", len(xs)) // cold
}

func perRow(rows [][]int) {
	for _, row := range rows {
		use(fmt.Sprintf("%d", len(row))) // hot: in the loop over `rows`
	}
}

func counted(n int) {
	for i := 0; i < n; i++ {
		use(fmt.Sprintf("%d", i)) // hot: in the loop `for i := 0; i < n; i++`
	}
}

func leaves(rows [][]int) string {
	for _, row := range rows {
		if len(row) == 0 {
			return fmt.Sprintf("%d", len(rows)) // cold
		}
	}
	return ""
}

func failing(rows []io.Reader) error {
	for _, r := range rows {
		_, err := r.Read(nil)
		if err != nil {
			use(fmt.Sprintf("%d", len(rows))) // cold
			continue
		}
		if errors.Is(err, io.EOF) {
			use(fmt.Sprintf("%d", len(rows))) // cold
		}
		if err := check(r); err != nil && len(rows) > 1 {
			use(fmt.Sprintf("%d", len(rows))) // cold
		}
		if len(rows) > 1 {
			panic(fmt.Sprintf("%d", len(rows))) // cold
		}
	}
	return nil
}

func callbacks(groups [][]int) {
	for _, g := range groups {
		sort.Slice(g, func(i, j int) bool {
			return fmt.Sprintf("%d", i) < fmt.Sprintf("%d", j) // hot: in the loop over `groups`
		})
		func() {
			use(fmt.Sprintf("%d", len(g))) // hot: in the loop over `groups`
		}()
	}
}

func stored(hooks []func() string, conns []*conn) []func() string {
	for _, c := range conns {
		// Stored for later: runs per connection, not per iteration of this loop.
		c.verify = func() string {
			return fmt.Sprintf("%d", len(conns)) // cold
		}
		hooks = append(hooks, func() string {
			use(fmt.Sprintf("%d", len(conns))) // cold
			for range conns {
				use(fmt.Sprintf("%d", len(conns))) // hot: in the loop over `conns`
			}
			return ""
		})
	}
	return hooks
}

type conn struct{ verify func() string }

func workers(jobs []int) {
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			use(fmt.Sprintf("%d", len(jobs))) // hot: in the loop over `jobs`
		}()
	}
	wg.Wait()
}

func worker(queue <-chan int) {
	go func() {
		use(fmt.Sprintf("%d", len(queue))) // cold
		for job := range queue {
			use(fmt.Sprintf("%d", len(queue))) // hot: in the loop over `queue`
		}
	}()
}

func endless(queue <-chan int) {
	for {
		use(fmt.Sprintf("%d", len(queue))) // hot: in the endless loop at line 108
	}
}

func check(io.Reader) error { return nil }

func use(string) {}
