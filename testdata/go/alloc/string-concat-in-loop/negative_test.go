package report

import "testing"

func TestCSV(t *testing.T) {
	want := ""
	for _, r := range []row{{"a", 1}} {
		want += r.Name + ",1\n"
	}
	if CSV([]row{{"a", 1}}) != want {
		t.Fatal("mismatch")
	}
}
