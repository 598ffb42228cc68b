// Package ingest copies the fixtures of a folder tree into a staging folder.
package ingest

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// Copy copies every regular file under src into dst, flat.
func Copy(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.Create(filepath.Join(dst, d.Name()))
		if err != nil {
			return err
		}
		defer out.Close()
		_, err = io.Copy(out, in)
		return err
	})
}
