package users

import (
	"encoding/binary"
	"io"
)

func Capacity(users []User) []string {
	ids := make([]string, 0, len(users))
	for _, u := range users {
		ids = append(ids, u.ID)
	}
	return ids
}

func Zero(users []User) []string {
	ids := make([]string, 0)
	for _, u := range users {
		ids = append(ids, u.ID)
	}
	return ids
}

func Filled(users []User) []string {
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	ids = append(ids, "admin")
	return ids
}

func Read(r io.Reader) ([]byte, error) {
	buf := make([]byte, 512)
	if _, err := io.ReadFull(r, buf); err != nil {
		return nil, err
	}
	buf = append(buf, '\n')
	return buf, nil
}

// Header space reserved up front and written after the payload is appended.
func Frame(payload []byte) []byte {
	frame := make([]byte, 4)
	frame = append(frame, payload...)
	binary.BigEndian.PutUint32(frame, uint32(len(payload)))
	return frame
}

func Reused(users []User) []string {
	ids := make([]string, 8)
	ids = append(ids[:0], users[0].ID)
	return ids
}

func Passed(users []User, fill func([]string)) []string {
	ids := make([]string, len(users))
	fill(ids)
	ids = append(ids, "x")
	return ids
}

// A reserved slot assigned after the rows are appended.
func WithHeader(rows []string, header string) []string {
	out := make([]string, 1)
	out = append(out, rows...)
	out[0] = header
	return out
}

// Header bytes copied in after the payload.
func Prefixed(payload, magic []byte) []byte {
	msg := make([]byte, len(magic))
	msg = append(msg, payload...)
	copy(msg[:len(magic)], magic)
	return msg
}

// The header window is handed to a writer helper.
func Stamped(payload []byte, stamp func([]byte)) []byte {
	rec := make([]byte, 8)
	rec = append(rec, payload...)
	stamp(rec[:8])
	return rec
}
