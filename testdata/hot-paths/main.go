package main

import (
	"fmt"
	"net/http"
	"os"
)

type Command struct {
	PreRun func(args []string)
	Run    func(args []string)
}

var root = &Command{
	PreRun: func(args []string) {
		for _, a := range args {
			use(fmt.Sprintf("%d", len(a))) // cold
		}
	},
	Run: func(args []string) {
		for _, a := range args {
			use(fmt.Sprintf("%d", len(a))) // hot: in the loop over `args`
		}
	},
}

func main() {
	for _, arg := range os.Args {
		use(fmt.Sprintf("%d", len(arg))) // hot: in the loop over `os.Args`
	}
	serve()
}

func serve() {
	banner := fmt.Sprintf("%d", len(os.Args)) // cold
	use(banner)
	_ = http.ListenAndServe(":8080", nil)
}

func use(string) {}
