package archive

import (
	"database/sql"
	"io"
	"log"
	"os"
	"sync"
	"time"
)

func sizes(names []string) (int64, error) {
	var total int64
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		defer f.Close() // want
		info, err := f.Stat()
		if err != nil {
			return 0, err
		}
		total += info.Size()
	}
	return total, nil
}

type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) addAll(keys []string) {
	for _, k := range keys {
		c.mu.Lock()
		defer c.mu.Unlock() // want
		c.n[k]++
	}
}

func migrate(db *sql.DB, steps []string) error {
	for i := 0; i < len(steps); i++ {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		defer func() { // want
			_ = tx.Rollback()
		}()
		if _, err := tx.Exec(steps[i]); err != nil {
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func trace(items []string) {
	for _, it := range items {
		if it != "" {
			defer log.Printf("done with %s", it) // want
		}
	}
}

func serve(accept func() (*os.File, error)) {
	for {
		conn, err := accept()
		if err != nil {
			continue
		}
		defer conn.Close() // want
		handle(conn)
	}
}

func handle(*os.File) {}

// Another variable of the same name is stored; the deferred one is not.
func shadowStore(names []string) []*os.File {
	var files []*os.File
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close() // want
		{
			f := os.Stdin
			files = append(files, f)
		}
	}
	return files
}

// A lock is never meant to outlive the iteration, whatever else is kept.
func (c *counter) lockEach(keys []string, held []*sync.Mutex) {
	for _, k := range keys {
		mu := &sync.Mutex{}
		mu.Lock()
		defer mu.Unlock() // want
		held = append(held, mu)
		c.n[k]++
	}
}

// The return comes after a continue that can start the loop over.
func firstLarge(names []string) *os.File {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close() // want
		if info, err := f.Stat(); err != nil || info.Size() < 1024 {
			continue
		}
		return f
	}
	return nil
}

// A break in a switch case leaves the switch, not the loop; so does a break of the switch's label.
func pick(names []string, mode int) {
	for _, name := range names {
		switch mode {
		case 1:
			f, err := os.Open(name)
			if err != nil {
				continue
			}
			defer f.Close() // want
			handle(f)
			break
		}
	sw:
		switch mode {
		case 2:
			g, err := os.Open(name)
			if err != nil {
				continue
			}
			defer g.Close() // want
			handle(g)
			break sw
		}
	}
}

// The deferred literal closes unconditionally before its guarded part.
func closeAndLog(names []string) (err error) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		defer func() { // want
			f.Close()
			if err != nil {
				log.Print(err)
			}
		}()
		handle(f)
	}
	return nil
}

// Its address passed to a call is not the file stored away.
func inspect(names []string, look func(**os.File)) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close() // want
		look(&f)
	}
}

// Stored in a variable of the iteration: it does not outlive the loop.
func perCase(cases []string, consume func(io.Reader)) {
	for _, c := range cases {
		var content io.Reader
		f, err := os.Open(c)
		if err != nil {
			continue
		}
		defer f.Close() // want
		content = f
		consume(content)
	}
}

// However few the iterations, a lock taken again in the next one deadlocks.
func (c *counter) both() {
	for _, k := range []string{"a", "b"} {
		c.mu.Lock()
		defer c.mu.Unlock() // want
		c.n[k]++
	}
}

// The timer is reset every time round: its case runs once per iteration.
func ticks(events <-chan string) {
	t := time.NewTimer(time.Second)
	for {
		t.Reset(time.Second)
		select {
		case <-t.C:
			f, err := os.Create("tick")
			if err != nil {
				return
			}
			defer f.Close() // want
		case ev := <-events:
			log.Print(ev)
		}
	}
}

// The nil check is of something the block never sets: not a lazy initialisation.
func cached(names []string, cache map[string]*os.File) {
	for _, name := range names {
		if cache == nil {
			f, err := os.Open(name)
			if err != nil {
				continue
			}
			defer f.Close() // want
			handle(f)
		}
	}
}

// The deferred call refers to a variable the iteration sets.
func scratch(names []string) {
	var dir string
	for _, name := range names {
		dir = name + ".tmp"
		defer os.RemoveAll(dir) // want
	}
}

// A channel of many values: each one registers another close.
func saveAll(paths chan string) {
	for {
		select {
		case p := <-paths:
			f, err := os.Create(p)
			if err != nil {
				return
			}
			defer f.Close() // want
		}
	}
}

// Appended in a loop, the list has no bound written in the code.
func openEach(dirs []string) {
	var places []string
	for _, d := range dirs {
		places = append(places, d+"/data")
	}
	for _, p := range places {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want
		_ = f
	}
}

// A spread append adds as many elements as the caller gives.
func openAll(first string, more []string) {
	places := []string{first}
	places = append(places, more...)
	for _, p := range places {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close() // want
		_ = f
	}
}
