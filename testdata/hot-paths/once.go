package cache

import (
	"flag"
	"fmt"
	"sync"
)

var labels []string

func init() {
	for i := 0; i < 8; i++ {
		labels = append(labels, fmt.Sprintf("%d", i)) // cold
	}
}

type Cache struct {
	once  sync.Once
	names []string
}

func NewCache(sizes []int) *Cache {
	c := &Cache{}
	for _, size := range sizes {
		c.names = append(c.names, fmt.Sprintf("%d", len(sizes))) // cold
	}
	go func() {
		for size := range sizes {
			use(fmt.Sprintf("%d", len(sizes))) // hot: in the loop over `sizes`
		}
	}()
	return c
}

func (c *Cache) Names(sizes []int) []string {
	c.once.Do(func() {
		for _, size := range sizes {
			c.names = append(c.names, fmt.Sprintf("%d", len(sizes))) // cold
		}
	})
	return c.names
}

var defaults = sync.OnceValue(func() []string {
	var out []string
	for i := 0; i < 4; i++ {
		out = append(out, fmt.Sprintf("%d", i)) // cold
	}
	return out
})

func registerFlags(fs *flag.FlagSet, names []string) {
	for i, name := range names {
		fs.String(name, fmt.Sprintf("%d", len(name)), "") // cold
	}
}

func setup(fs *flag.FlagSet, names []string) {
	for range names {
		use(fmt.Sprintf("%d", len(names))) // cold
	}
}

func use(string) {}
