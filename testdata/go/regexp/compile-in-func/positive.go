package validate

import (
	"net/http"
	re "regexp"
	"strings"
)

const idPrefix = `^[a-z]{3}`

func AllIDs(ids []string) bool {
	for _, s := range ids {
		if !re.MustCompile(idPrefix + `-\d+$`).MatchString(s) { // want
			return false
		}
	}
	return true
}

func Tokens(lines []string) [][]string {
	var out [][]string
	for _, line := range lines {
		sep, err := re.Compile(`[,;]\s*`) // want
		if err != nil {
			return nil
		}
		out = append(out, sep.Split(strings.TrimSpace(line), -1))
	}
	return out
}

type Server struct{}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if re.MustCompile("^/api/v[0-9]+/").MatchString(r.URL.Path) { // want
		w.WriteHeader(http.StatusOK)
	}
}

func Register(mux *http.ServeMux) {
	mux.HandleFunc("/v", func(w http.ResponseWriter, r *http.Request) {
		ok := re.MustCompilePOSIX("[[:digit:]]+").MatchString(r.URL.Query().Get("v")) // want
		_ = ok
	})
}
