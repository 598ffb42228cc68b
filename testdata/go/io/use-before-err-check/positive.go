package fetch

import (
	"fmt"
	"io"
	"log"
	nethttp "net/http"
	"os"
)

func get(url string) ([]byte, error) {
	resp, err := nethttp.Get(url)
	defer resp.Body.Close() // want
	if err != nil {
		return nil, err
	}
	return io.ReadAll(resp.Body)
}

func send(client *nethttp.Client, req *nethttp.Request) (int, error) {
	resp, err := client.Do(req)
	log.Printf("sent %s", req.URL)
	defer resp.Body.Close() // want
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

func copyTo(dst io.Writer, name string) error {
	f, err := os.Open(name)
	defer f.Close() // want
	if err != nil {
		return fmt.Errorf("open %s: %w", name, err)
	}
	_, err = io.Copy(dst, f)
	return err
}

func post(url string, body io.Reader) error {
	var resp *nethttp.Response
	var err error
	resp, err = nethttp.Post(url, "application/json", body)
	defer func() { // want
		resp.Body.Close()
	}()
	if err != nil {
		return err
	}
	return nil
}
