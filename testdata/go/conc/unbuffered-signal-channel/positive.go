package daemon

import (
	"os"
	sig "os/signal"
	"syscall"
)

func waitForShutdown() {
	stop := make(chan os.Signal) // want
	sig.Notify(stop, os.Interrupt, syscall.SIGTERM)
	<-stop
}

func explicitZero() {
	var c = make(chan os.Signal, 0) // want
	sig.Notify(c, syscall.SIGHUP)
	<-c
}
