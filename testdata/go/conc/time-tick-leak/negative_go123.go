// turk-test: go=1.23
package monitor

import "time"

// From Go 1.23 an unreferenced ticker is collected.
func firstTick() time.Time {
	return <-time.Tick(time.Millisecond)
}
