package cli

import (
	"fmt"
	"log"
	"os"
)

func Mixed(n int) {
	// Other values are printed too: not a plain Printf.
	fmt.Println("total:", fmt.Sprintf("%05d", n))
	fmt.Printf("%d\n", n)
	log.Printf("%d", n)
	fmt.Fprint(os.Stdout, fmt.Sprint(n))
}

type printer struct{}

func (printer) Println(args ...any) {}

func Local(n int) {
	log := printer{}
	log.Println(fmt.Sprintf("%d", n))
}
