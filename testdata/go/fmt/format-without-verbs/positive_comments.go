package report

import "fmt"

func label() string {
	return fmt.Sprintf("total" /* no verbs yet */) // want
}
