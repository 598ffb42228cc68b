// Package api answers lookups; its handler is the module's hot path.
package api

import (
	"fmt"
	"net/http"
	"regexp"
)

// Lookup answers whether the name asked for is one of the known names.
func Lookup(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	for _, known := range []string{"ada", "grace"} {
		known := known
		// A style finding in a hot handler: it must not raise the file.
		w.Header().Set("X-Checked", fmt.Sprintf("yes"))
		// A real finding on the hot path: it counts.
		if ok, _ := regexp.MatchString(`^(?i)`+"ada"+`$`, name); ok && known == "ada" {
			fmt.Fprintln(w, known)
			return
		}
	}
	http.NotFound(w, r)
}

// validate is called by nothing hot: what it does wrong does not raise the file.
func validate(name string) bool {
	return regexp.MustCompile(`^[a-z]+$`).MatchString(name)
}
