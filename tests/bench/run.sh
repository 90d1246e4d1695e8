#!/bin/bash
# `make bench`: runs every tests/bench/*.sh (except this one) against the
# optimised build and collects their Markdown rows into one table, printed and
# written to BENCHMARKS.md with the command and the machine. Figures, not
# pass/fail: the machine is noisy, so compare ratios measured in one run.
# Each bench script gets the binary as $1 and prints rows of
#   | figure | median | target | notes |
set -u
bin=$(realpath "$1")
cd "$(dirname "$0")/../.." || exit 2
export VAKSAM="$bin"
export LANG=C.UTF-8
rows=$(mktemp)
for b in tests/bench/*.sh; do
	[ "$(basename "$b")" = run.sh ] && continue
	echo "running $(basename "$b")" >&2
	bash "$b" "$bin" >>"$rows" || echo "| $(basename "$b" .sh) | failed | | |" >>"$rows"
done
{
	echo "# Benchmarks"
	echo
	echo "Made by \`make bench\` on $(date -u +%Y-%m-%d) at commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
	echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
	echo "$(free -g | awk '/Mem:/ {print $2}') GiB memory, $(. /etc/os-release && echo "$PRETTY_NAME")."
	echo "Medians over repeated runs; the machine is shared and noisy, so read ratios within one run."
	echo
	echo "| figure | median | target | notes |"
	echo "| --- | --- | --- | --- |"
	cat "$rows"
} >BENCHMARKS.md
cat BENCHMARKS.md
rm -f "$rows"
