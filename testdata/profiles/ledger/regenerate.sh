#!/bin/sh
# Regenerates the profiles committed beside this module from its benchmark, with the local Go toolchain:
#   cpu.pprof                 CPU profile, absolute paths of this folder
#   mem.pprof                 heap profile of the same run
#   cpu-other-checkout.pprof  CPU profile of a copy of the module in another folder (other absolute paths)
#   cpu-trimpath.pprof        CPU profile built with -trimpath (module paths: example.com/ledger/...)
set -eu
cd "$(dirname "$0")"
here=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bench() {
	# -run '^$' skips the tests; -o keeps the test binary out of the module folder.
	go test -run '^$' -bench . -benchtime 2s -count 1 -o "$work/ledger.test" "$@" .
}

bench -cpuprofile "$here/cpu.pprof" -memprofile "$here/mem.pprof"
bench -trimpath -cpuprofile "$here/cpu-trimpath.pprof"

copy="$work/elsewhere/src/ledger-copy"
mkdir -p "$copy"
cp -R go.mod ledger.go ledger_test.go internal "$copy/"
(cd "$copy" && bench -cpuprofile "$here/cpu-other-checkout.pprof")
