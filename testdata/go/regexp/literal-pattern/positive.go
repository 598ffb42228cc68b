package logs

import (
	"net/http"
	re "regexp"
	"strings"
)

var errorLine = re.MustCompile(`ERROR`) // want

var getLine = re.MustCompile("^GET ") // want

const jsonSuffix = `\.json$`

var jsonFile = re.MustCompile(jsonSuffix) // want

func classify(line string) string {
	switch {
	case errorLine.MatchString(line):
		return "error"
	case getLine.MatchString(line):
		return "get"
	case jsonFile.MatchString(line):
		return "json"
	}
	return ""
}

func isOK(s string) bool {
	ok, _ := re.MatchString("^ok$", s) // want
	return ok
}

func count(lines []string) int {
	n := 0
	for _, l := range lines {
		if m, _ := re.Match("panic:", []byte(l)); m { // want
			n++
		}
	}
	return n
}

func clean(w http.ResponseWriter, r *http.Request) {
	dashes := re.MustCompile("--") // want
	w.Write([]byte(dashes.ReplaceAllString(r.URL.Path, "-")))
}

func fields(s string) []string {
	return re.MustCompile(`\|`).Split(strings.TrimSpace(s), -1) // want
}
