package daemon

import (
	"os"
	"os/signal"
)

func buffered() {
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt)
	<-stop
}

// The channel comes from the caller: its capacity is not visible here.
func register(c chan os.Signal) {
	signal.Notify(c, os.Interrupt)
}

type notifier struct{}

func (notifier) Notify(c chan os.Signal, s ...os.Signal) {}

func notTheSignalPackage() {
	signal := notifier{}
	c := make(chan os.Signal)
	signal.Notify(c, os.Interrupt)
}
