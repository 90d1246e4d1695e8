#!/bin/bash
# `make bench`: runs every tests/bench/*.sh (except this one) against the
# optimised build and collects their Markdown rows into one table, printed and
# written to BENCHMARKS.md with the command and the machine. Figures, not
# pass/fail: the machine is noisy, so compare ratios measured in one run.
# Each bench script gets the binary as $1 and prints rows of
#   | figure | median | target | notes |
# The hand-written part of BENCHMARKS.md (profiles, before and after) starts
# at the line NOTES_MARK and is kept as it is; only the table above it is
# replaced.
set -u
bin=$(realpath "$1")
cd "$(dirname "$0")/../.." || exit 2
export VAKSAM="$bin"
export LANG=C.UTF-8
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
rows=$(mktemp)
notes=$(mktemp)
NOTES_MARK='<!-- Notes below are written by hand and kept by make bench. -->'
if [ -f BENCHMARKS.md ]; then
	awk -v m="$NOTES_MARK" '$0 == m { keep = 1 } keep' BENCHMARKS.md >"$notes"
fi
for b in tests/bench/*.sh; do
	[ "$(basename "$b")" = run.sh ] && continue
	echo "running $(basename "$b")" >&2
	bash "$b" "$bin" >>"$rows" || echo "| $(basename "$b" .sh) | failed | | |" >>"$rows"
done
{
	echo "# Benchmarks"
	echo
	echo "Made by \`make bench\` (tests/bench/run.sh) on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
	echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
	echo "$(free -g | awk '/Mem:/ {print $2}') GiB memory, $(. /etc/os-release && echo "$PRETTY_NAME")."
	echo "Load average (1, 5, 15 min) at the start: $load_start; at the end: $(cut -d' ' -f1-3 /proc/loadavg);"
	echo "the run took $((SECONDS / 60)) min $((SECONDS % 60)) s at nice $(nice)."
	echo "Medians over repeated runs; the machine is shared and noisy, so read ratios within one run,"
	echo "and CPU seconds (user + system) where given: they grow far less with the load than wall time."
	echo
	echo "| figure | median | target | notes |"
	echo "| --- | --- | --- | --- |"
	cat "$rows"
	if [ -s "$notes" ]; then
		echo
		cat "$notes"
	fi
} >BENCHMARKS.md
cat BENCHMARKS.md
rm -f "$rows" "$notes"
