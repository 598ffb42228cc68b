package files

import (
	"io"
	iou "io/ioutil"
	"net/http"
	"os"
)

func save(r io.Reader, path string) error {
	data, err := io.ReadAll(r) // want
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}

func proxy(w http.ResponseWriter, r *http.Request, upstream *http.Client) {
	resp, err := upstream.Get("http://backend" + r.URL.Path)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer resp.Body.Close()
	body, err := iou.ReadAll(resp.Body) // want
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	w.Write(body)
}

func copyAll(dst io.Writer, srcs []io.Reader) error {
	for _, src := range srcs {
		b, err := io.ReadAll(src) // want
		if err != nil {
			return err
		}
		if _, err := dst.Write(b); err != nil {
			return err
		}
	}
	return nil
}
