// Command tool reads its configuration and prints it.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
)

type config struct {
	Name string `json:"name"`
}

func main() {
	path := flag.String("config", "tool.json", "configuration file")
	verbose := flag.Bool("v", false, "verbose")
	flag.Parse()
	data, err := os.ReadFile(*path)
	if err != nil {
		log.Fatal(err)
	}
	var c config
	if err := json.Unmarshal(data, &c); err != nil {
		log.Fatal(err)
	}
	if *verbose {
		fmt.Println(c.Name)
	}
}
