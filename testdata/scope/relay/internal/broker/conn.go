package broker

import (
	"bufio"
	"net"

	"example.com/relay/internal/wire"
)

// handle reads one message per line from a publisher.
func (b *Broker) handle(conn net.Conn) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	for {
		line, err := r.ReadBytes('\n')
		if err != nil {
			return
		}
		msg, err := wire.Decode(line)
		if err != nil {
			b.rejected(conn.RemoteAddr().String(), err)
			continue
		}
		b.Publish(msg)
	}
}
