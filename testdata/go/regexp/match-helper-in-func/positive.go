package validate

import (
	"net/http"
	"regexp"
	rx "regexp"
)

const namePattern = `^[a-z][a-z0-9-]*$`

func validName(s string) bool {
	ok, _ := regexp.MatchString(namePattern, s) // want
	return ok
}

func isHex(b []byte) bool {
	ok, _ := rx.Match(`^[0-9a-f]+$`, b) // want
	return ok
}

func check(w http.ResponseWriter, r *http.Request) {
	if ok, _ := regexp.MatchString(`^/v\d+/`, r.URL.Path); !ok { // want
		http.NotFound(w, r)
	}
}

type Server struct{}

func (s *Server) accept(id string) bool {
	return func() bool {
		ok, _ := regexp.MatchString(`^\d{4}$`, id) // want
		return ok
	}()
}
