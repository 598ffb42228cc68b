package archive

import (
	"context"
	"database/sql"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

func sizesFixed(names []string) (int64, error) {
	var total int64
	for _, name := range names {
		// The func literal runs once per iteration, so its defer does too.
		err := func() error {
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			defer f.Close()
			info, err := f.Stat()
			if err != nil {
				return err
			}
			total += info.Size()
			return nil
		}()
		if err != nil {
			return 0, err
		}
	}
	return total, nil
}

func workers(jobs []string, wg *sync.WaitGroup) {
	for _, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			process(j)
		}()
	}
}

func firstReadable(names []string) (*os.File, []byte, error) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		// The loop returns right after: the defer is registered at most once.
		defer f.Close()
		buf := make([]byte, 512)
		n, err := f.Read(buf)
		return f, buf[:n], err
	}
	return nil, nil, os.ErrNotExist
}

func single(name string) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	for i := 0; i < 3; i++ {
		process(name)
	}
	return nil
}

func process(string) {}

func firstOpen(names []string) {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			continue
		}
		defer f.Close()
		process(f.Name())
		break
	}
}

// The files stay open on purpose: they are kept in a slice and read together after the loop.
func concat(names []string) ([]byte, error) {
	var readers []io.Reader
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		readers = append(readers, f)
	}
	return io.ReadAll(io.MultiReader(readers...))
}

type pool struct {
	conns map[string]*os.File
	last  *os.File
}

func (p *pool) openEach(addrs []string) {
	for _, addr := range addrs {
		c, err := os.Open(addr)
		if err != nil {
			continue
		}
		defer c.Close()
		p.conns[addr] = c
	}
	p.report()
}

func (p *pool) keepLast(addrs []string) {
	for _, addr := range addrs {
		c, err := os.Open(addr)
		if err != nil {
			continue
		}
		defer func() {
			_ = c.Close()
		}()
		p.last = c
	}
	p.report()
}

func (p *pool) report() {}

func byIndex(names []string) error {
	files := make([]*os.File, len(names))
	for i, name := range names {
		var err error
		files[i], err = os.Open(name)
		if err != nil {
			return err
		}
		defer files[i].Close()
	}
	return compare(files)
}

func compare([]*os.File) error { return nil }

// The last file opened is read after the loop.
func lastOpened(names []string) (os.FileInfo, error) {
	var last *os.File
	for _, name := range names {
		var err error
		last, err = os.Open(name)
		if err != nil {
			return nil, err
		}
		defer last.Close()
	}
	return last.Stat()
}

// Guarded rollbacks: on the path where the iteration succeeds, the loop body commits.
func applyAll(db *sql.DB, steps []string) (err error) {
	for _, step := range steps {
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		defer func() {
			if err != nil {
				_ = tx.Rollback()
			}
		}()
		if _, err = tx.Exec(step); err != nil {
			return err
		}
		if err = tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

func copyAll(names []string, dst io.Writer) error {
	for _, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		closed := false
		defer func() {
			if !closed {
				f.Close()
			}
		}()
		if _, err := io.Copy(dst, f); err != nil {
			return err
		}
		closed = true
		if err := f.Close(); err != nil {
			return err
		}
	}
	return nil
}

// A labelled break leaves the outer loop right after the defer.
func firstInGroups(groups [][]string) {
outer:
	for _, group := range groups {
		for _, name := range group {
			f, err := os.Open(name)
			if err != nil {
				continue
			}
			defer f.Close()
			process(f.Name())
			break outer
		}
	}
}

// The loop body returns after the block holding the defer.
func firstCompressed(names []string) error {
	for _, name := range names {
		if strings.HasSuffix(name, ".gz") {
			f, err := os.Open(name)
			if err != nil {
				return err
			}
			defer f.Close()
			process(f.Name())
		}
		return nil
	}
	return nil
}

// Inside a select case, a return right after the defer leaves the loop.
func firstMessage(files <-chan *os.File) {
	for {
		select {
		case f := <-files:
			defer f.Close()
			process(f.Name())
			return
		}
	}
}

// Two networks at most, written in the code: two pending cancels.
func exchange(ctx context.Context, useTCP bool, dial func(context.Context, string) error) error {
	var networks []string
	if useTCP {
		networks = []string{"tcp"}
	} else {
		networks = []string{"udp", "tcp"}
	}
	for _, network := range networks {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		if err := dial(ctx, network); err == nil {
			return nil
		}
	}
	return nil
}

// A literal of two probes, cut to one on some systems.
func probe(one bool, open func(int) (*os.File, error)) {
	probes := []struct{ value int }{{0}, {1}}
	if one {
		probes = probes[:1]
	}
	for _, p := range probes {
		f, err := open(p.value)
		if err != nil {
			continue
		}
		defer f.Close()
	}
}

type sparse struct{}

func release(*sparse) {}

// Lazy initialisation: the block runs once, on the first block that needs it.
func lazily(blocks [][]int) {
	var set *sparse
	for _, b := range blocks {
		if len(b) == 0 {
			continue
		}
		if set == nil {
			set = &sparse{}
			defer release(set)
		}
	}
}

func closeHandle(uintptr) {}

// The handles live in fds, used after the loop: they are released when the function returns, on purpose.
func inherit(files []uintptr, start func([]uintptr)) {
	fds := make([]uintptr, len(files))
	for i := range files {
		fds[i] = files[i] + 1
		defer closeHandle(fds[i])
	}
	start(fds)
}

type resolver struct{ depth int }

func (r *resolver) openScope()  { r.depth++ }
func (r *resolver) closeScope() { r.depth-- }

// Scopes opened per declaration are closed with the enclosing block: the function's clean-up, on purpose.
func (r *resolver) declare(specs []string) {
	for _, spec := range specs {
		if strings.HasPrefix(spec, "T") {
			r.openScope()
			defer r.closeScope()
		}
	}
}

// The fallback timer fires once: its case registers one cancel.
func dialParallel(ctx context.Context, results <-chan error, start func(context.Context)) error {
	fallback := time.NewTimer(300 * time.Millisecond)
	defer fallback.Stop()
	for {
		select {
		case <-fallback.C:
			fctx, cancel := context.WithCancel(ctx)
			defer cancel()
			go start(fctx)
		case err := <-results:
			if err == nil {
				return nil
			}
		}
	}
}

// Reset only when Stop says the timer had not fired: the fallback still starts at most once.
func dialFallbackNow(ctx context.Context, results <-chan error, start func(context.Context)) error {
	fallback := time.NewTimer(300 * time.Millisecond)
	defer fallback.Stop()
	for {
		select {
		case <-fallback.C:
			fctx, cancel := context.WithCancel(ctx)
			defer cancel()
			go start(fctx)
		case err := <-results:
			if err == nil {
				return nil
			}
			if fallback.Stop() {
				fallback.Reset(0)
			}
		}
	}
}

// The write's outcome arrives once on its own channel: its case registers one timer.
func roundTrip(send func(chan<- error), responses <-chan string, wait time.Duration) string {
	writeErr := make(chan error, 1)
	send(writeErr)
	var timeout <-chan time.Time
	for {
		select {
		case err := <-writeErr:
			if err != nil {
				return ""
			}
			t := time.NewTimer(wait)
			defer t.Stop()
			timeout = t.C
		case r := <-responses:
			return r
		case <-timeout:
			return ""
		}
	}
}

// At most two places to look, each appended once in the code: the handles held until return are two at most.
func findZoneinfo(root string, wd func() (string, error)) (string, bool) {
	var places []string
	if root != "" {
		places = append(places, root+"/lib/time")
	}
	if dir, err := wd(); err == nil {
		places = append(places, dir)
	}
	for _, p := range places {
		f, err := os.Open(p)
		if err != nil {
			continue
		}
		defer f.Close()
		if st, err := f.Stat(); err == nil && st.IsDir() {
			return p, true
		}
	}
	return "", false
}
