package worker

import (
	ctxpkg "context"
	"net"
	"sync"
	"time"
)

type Server struct {
	quit chan struct{}
	wg   sync.WaitGroup
}

func (s *Server) Shutdown(ctx ctxpkg.Context) error { // want
	close(s.quit)
	s.wg.Wait()
	return nil
}

func (s *Server) Stop(ctx ctxpkg.Context) { // want
	s.quit <- struct{}{}
	<-s.quit
}

func resolve(ctx ctxpkg.Context, host string) ([]string, error) { // want
	return net.LookupHost(host)
}

func retry(ctx ctxpkg.Context, f func() error) error { // want
	for i := 0; i < 5; i++ {
		if err := f(); err == nil {
			return nil
		}
		time.Sleep(time.Second)
	}
	return f()
}

func (s *Server) drainAll(ctx ctxpkg.Context, events <-chan string) { // want
	for {
		select {
		case e := <-events:
			_ = e
		}
	}
}
