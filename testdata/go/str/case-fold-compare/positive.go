package headers

import (
	"bytes"
	"net/http"
	str "strings"
)

func SameUser(a, b string) bool {
	return str.ToLower(a) == str.ToLower(b) // want
}

func IsWebsocket(w http.ResponseWriter, r *http.Request) {
	if str.ToLower(r.Header.Get("Upgrade")) != "websocket" { // want
		w.WriteHeader(http.StatusBadRequest)
	}
}

func Find(names []string, want string) int {
	for i, n := range names {
		if "ADMIN" == str.ToUpper(n) { // want
			continue
		}
		if str.ToUpper(n) == str.ToUpper(want) { // want
			return i
		}
	}
	return -1
}

func SameKey(a, b []byte) bool {
	return bytes.Equal(bytes.ToLower(a), bytes.ToLower(b)) // want
}
