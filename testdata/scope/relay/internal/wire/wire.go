// Package wire is the relay's line protocol: `SUBJECT payload`.
package wire

import "errors"

// Message is one published message.
type Message struct {
	Subject string
	Payload []byte
}

// ErrNoSubject is returned for a line without a subject.
var ErrNoSubject = errors.New("wire: no subject")

// Decode parses one line.
func Decode(line []byte) (Message, error) {
	for i := 0; i < len(line); i++ {
		if line[i] == ' ' {
			if i == 0 {
				return Message{}, ErrNoSubject
			}
			end := len(line)
			for end > i+1 && (line[end-1] == '\n' || line[end-1] == '\r') {
				end--
			}
			return Message{Subject: string(line[:i]), Payload: line[i+1 : end]}, nil
		}
	}
	return Message{}, ErrNoSubject
}
