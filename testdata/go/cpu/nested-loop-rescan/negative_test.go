package dedupe

import "testing"

func TestUnique(t *testing.T) {
	in := []string{"a", "b", "a"}
	for _, s := range in {
		seen := 0
		for _, o := range in {
			if o == s {
				seen++
				break
			}
		}
		if seen == 0 {
			t.Fatal(s)
		}
	}
}
