package events

import (
	"encoding/json"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	for _, ev := range []Event{{ID: "1"}, {ID: "2"}} {
		b, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		var back Event
		if err := json.Unmarshal(b, &back); err != nil || back != ev {
			t.Fatal("mismatch")
		}
	}
}
