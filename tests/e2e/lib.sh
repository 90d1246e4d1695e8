# Shared helpers for end-to-end tests. Source it from a tests/e2e/*.sh script.
# It gives:
#   VAKSAM          the binary under test (the sanitizer build by default)
#   ROOT            the repository root
#   T               a private temporary folder, removed at exit
#   pass NAME / fail NAME MSG / check NAME CMD...   record a result
#   expect_eq NAME EXPECTED ACTUAL
#   vk ARGS...      runs $VAKSAM with its output in $T/out and $T/err; sets $rc
#   dbdump DB       a stable text dump of a database (for "unchanged" checks)
# At exit it prints "N passed, N failed", which tests/run.sh adds up.
set -u
ROOT=${VAKSAM_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
VAKSAM=${VAKSAM:-$ROOT/build/san/vaksam}
export LANG=C.UTF-8
unset VAKSAM_DB
T=$(mktemp -d /tmp/vaksam-e2e.XXXXXX)
_passed=0
_failed=0
_finish() {
	echo "$_passed passed, $_failed failed"
	rm -rf "$T"
}
trap _finish EXIT

pass() { _passed=$((_passed + 1)); echo "ok   $1"; }
fail() { _failed=$((_failed + 1)); echo "FAIL $1: ${2:-}"; }
check() {
	local name=$1; shift
	if "$@" >/dev/null 2>&1; then pass "$name"; else fail "$name" "command failed: $*"; fi
}
expect_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "expected [$2], got [$3]"; fi
}
vk() {
	"$VAKSAM" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	return 0
}
dbdump() { sqlite3 "$1" .dump; }
# acks_missing DB: reads "ACK attempt position version ..." lines (what
# tests/tools/answer_load prints for each answer the store acknowledged) on
# stdin and prints how many of them have no such response in DB.
acks_missing() {
	awk '{ print $2 "," $3 "," $4 }' >"$T/acks.csv"
	sqlite3 "$1" <<EOF
CREATE TEMP TABLE ack (attempt_id INTEGER, position INTEGER, version_id INTEGER);
.mode csv
.import $T/acks.csv ack
SELECT count(*) FROM ack a WHERE NOT EXISTS (SELECT 1 FROM response r
  WHERE r.attempt_id = a.attempt_id AND r.position = a.position
  AND r.question_version_id = a.version_id);
EOF
}
