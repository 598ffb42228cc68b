// Package broker routes messages from publishers to subscribers.
package broker

import "net"

// Serve accepts connections and reads each in a goroutine of its own.
func Serve(lis net.Listener, b *Broker) error {
	for {
		conn, err := lis.Accept()
		if err != nil {
			return err
		}
		go b.handle(conn)
	}
}
