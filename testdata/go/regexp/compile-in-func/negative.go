package validate

import (
	"regexp"
	"strings"
	"sync"
)

var word = regexp.MustCompile(`\w+`)

var lazy = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^v\d+$`)
})

var built = func() *regexp.Regexp {
	return regexp.MustCompile("[a-f0-9]{40}")
}()

var (
	hexRE    *regexp.Regexp
	hexOnce  sync.Once
	versions *regexp.Regexp
)

func init() {
	versions = regexp.MustCompile(`^\d+\.\d+$`)
}

func hex() *regexp.Regexp {
	hexOnce.Do(func() {
		hexRE = regexp.MustCompile("^[0-9a-f]+$")
	})
	return hexRE
}

func setup() {
	// Stored in a package-level variable: one-time initialisation.
	versions = regexp.MustCompile(`^v\d+$`)
}

// The pattern is not constant: nothing to hoist.
func Match(pattern, s string) bool {
	return regexp.MustCompile(pattern).MatchString(s)
}

func Prefixed(prefix, s string) bool {
	return regexp.MustCompile("^" + regexp.QuoteMeta(prefix)).MatchString(s)
}

type compiler struct{}

func (compiler) MustCompile(s string) *compiler { return nil }

func shadowed() {
	regexp := compiler{}
	regexp.MustCompile("x")
}

// Plain text: regexp/literal-pattern reports it.
func isAPI(path string) bool {
	return regexp.MustCompile("^/api/").MatchString(path)
}

type cache struct {
	once sync.Once
	re   *regexp.Regexp
}

// Inside a sync.Once: compiled once, however often the method runs.
func (c *cache) get() *regexp.Regexp {
	c.once.Do(func() {
		local := regexp.MustCompile(`^\d+$`)
		c.re = local
	})
	return c.re
}

// Compiled on every call, but nothing here says the function runs per item: on real code such functions are
// mostly set-up or configuration parsing, run once.
func IsVersion(s string) bool {
	pattern := regexp.MustCompile(`^v[0-9]+\.[0-9]+$`)
	return pattern.MatchString(s)
}

// The loop searches for the one line it needs and returns: the pattern is compiled once per call.
func Vendor(lines []string) string {
	for _, line := range lines {
		if strings.HasPrefix(line, "Manufacturer") {
			re := regexp.MustCompile(`:\s*\S+`)
			return re.FindString(line)
		}
	}
	return ""
}
