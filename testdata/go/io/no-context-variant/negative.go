package gateway

import (
	"context"
	"net"
	"net/http"
	"os/exec"
	"time"
)

func noContext(url string) (*http.Request, error) {
	return http.NewRequest(http.MethodGet, url, nil)
}

func withContext(ctx context.Context, url string) (*http.Request, error) {
	return http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
}

func dialer(ctx context.Context, addr string) (net.Conn, error) {
	d := net.Dialer{Timeout: time.Second}
	return d.DialContext(ctx, "tcp", addr)
}

func background(ctx context.Context) {
	go func() {
		// A goroutine that outlives the caller on purpose.
		_ = exec.Command("sync").Run()
	}()
}

type shell struct{}

func (shell) Command(string) error { return nil }

func shadowed(ctx context.Context) error {
	exec := shell{}
	return exec.Command("ls")
}
