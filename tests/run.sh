#!/bin/bash
# Runs every suite and ends with the plain total CI reads: "N passed, N failed".
# Usage: tests/run.sh BUILD_DIR UNIT_TEST_BINARIES...
# Unit tests (cmocka) run as they are; end-to-end scripts (tests/e2e/*.sh) run the
# sanitizer build of the real binary on temporary databases. TESTS=pattern runs
# only the e2e scripts whose name matches.
set -u
build=$1; shift
cd "$(dirname "$0")/.." || exit 2
root=$PWD
case "$build" in /*) ;; *) build="$root/$build" ;; esac
export VAKSAM="$build/san/vaksam"
export VAKSAM_ROOT="$root"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=86"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LANG=C.UTF-8
unset VAKSAM_DB
passed=0; failed=0; failed_suites=""
logdir=$(mktemp -d /tmp/vaksam-test.XXXXXX)

SECONDS=0
last=0
add() { # suite passed failed
	passed=$((passed + $2)); failed=$((failed + $3))
	[ "$3" -gt 0 ] && failed_suites="$failed_suites $1"
	printf '%-28s %4d passed, %d failed (%ds)\n' "$1" "$2" "$3" $((SECONDS - last))
	last=$SECONDS
}

for t in "$@"; do
	name=$(basename "$t")
	log="$logdir/$name.log"
	"$t" >"$log" 2>&1; rc=$?
	p=$(grep -Eo '\[  PASSED  \] [0-9]+' "$log" | awk '{s += $NF} END {print s + 0}')
	f=$(grep -Eo '\[  FAILED  \] [0-9]+ test' "$log" | awk '{s += $3} END {print s + 0}')
	p=${p:-0}; f=${f:-0}
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	[ "$f" -gt 0 ] && { echo "--- $name"; tail -40 "$log"; }
	add "$name" "$p" "$f"
done

# Fuzz targets replay their saved corpus and every crash found so far.
for t in "$build"/san/fuzz/fuzz_*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	short=${name#fuzz_}
	log="$logdir/$name.log"
	"$t" "tests/fuzz/corpus/$short" "tests/fuzz/crashes/$short" >"$log" 2>&1; rc=$?
	if [ $rc -eq 0 ]; then add "$name (replay)" 1 0; else tail -20 "$log"; add "$name (replay)" 0 1; fi
done

for s in tests/e2e/*.sh; do
	[ "$(basename "$s")" = lib.sh ] && continue
	case "$s" in *"${TESTS:-}"*) ;; *) continue ;; esac
	name=$(basename "$s" .sh)
	log="$logdir/$name.log"
	timeout 900 bash "$s" >"$log" 2>&1; rc=$?
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -1)
	p=$(echo "$line" | awk '{print $1}'); f=$(echo "$line" | awk '{print $3}')
	p=${p:-0}; f=${f:-0}
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	[ "$f" -gt 0 ] && { echo "--- $name"; grep -E '^(FAIL|not ok)' "$log" | head -30; tail -15 "$log"; }
	add "$name" "$p" "$f"
done

[ -n "$failed_suites" ] && echo "failed suites:$failed_suites (logs in $logdir)"
echo "all suites took ${SECONDS}s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
