package archive

import (
	"os"
	"sync"
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
