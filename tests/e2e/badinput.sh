#!/bin/bash
# The bad-input corpus (tests/bad/, see its README.md): rosters, paper CSVs,
# course content, configuration values and command lines, each with the
# error it must give; plus what is too big to keep in git (1 MB lines, files
# over the size limits, /dev/zero) made here; plus terminals of 1×1 and
# other useless sizes. After every refused input the database is unchanged
# (sqlite3 .dump compared), and nothing the command printed holds a control
# character (a hostile name or path must not reach the terminal raw).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/kiosk.lib"

bad=$ROOT/tests/bad
work=$T/work
mkdir -p "$work" "$T/dir"
kiosk_db || exit 1
db=$T/d.db
big=$(head -c 100000 /dev/zero | tr '\0' x)
snapshot=$(dbdump "$db")

# Whether FILE holds a control character other than newline and tab.
has_control() { LC_ALL=C tr -d '\n\t' <"$1" | LC_ALL=C grep -q '[[:cntrl:]]'; }

# run_case NAME EXIT EXPECT-FILE|- ARGS...: runs vaksam in $work and checks
# the exit status, every "stderr ERE" line of the expect file (or $want_re
# when it is -), clean output and an unchanged database.
run_case() {
	local name=$1 want=$2 expect=$3 why="" t0
	shift 3
	t0=$(date +%s%N)
	(cd "$work" && timeout 120 "$VAKSAM" "$@" >"$T/out" 2>"$T/err")
	rc=$?
	[ "$rc" = "$want" ] || why="exit $rc, not $want"
	if [ "$expect" = - ]; then
		grep -Eq -- "$want_re" "$T/err" || why="$why; stderr lacks /$want_re/"
	else
		while read -r kind re; do
			[ "$kind" = stderr ] || continue
			grep -Eq -- "$re" "$T/err" || why="$why; stderr lacks /$re/"
		done <"$expect"
	fi
	has_control "$T/err" && why="$why; a control character on stderr"
	has_control "$T/out" && why="$why; a control character on stdout"
	[ "$(dbdump "$db")" = "$snapshot" ] || {
		why="$why; the database changed"
		snapshot=$(dbdump "$db")
	}
	echo "time $(( ($(date +%s%N) - t0) / 1000000 )) ms: $name" >>"$T/times"
	if [ -z "$why" ]; then
		pass "$name"
	else
		fail "$name" "${why#; }: $(head -c 300 "$T/err" | LC_ALL=C tr -d '\000-\010\013-\037\177')"
	fi
}

expect_exit() { sed -n 's/^exit //p' "$1"; }

# ---- Files from the corpus ------------------------------------------------

for f in "$bad"/roster/*.csv; do
	n=$(basename "$f" .csv)
	cp "$f" "$work/$n.csv"
	run_case "roster $n" "$(expect_exit "$bad/roster/$n.expect")" "$bad/roster/$n.expect" \
		staff import "$n.csv" --db "$db"
done
for f in "$bad"/paper/*.csv; do
	n=$(basename "$f" .csv)
	cp "$f" "$work/$n.csv"
	run_case "paper $n" "$(expect_exit "$bad/paper/$n.expect")" "$bad/paper/$n.expect" \
		paper import "$n.csv" --db "$db"
done
# A content case is the base course with the case's files laid over it.
content_case() { # NAME: makes $work/NAME
	rm -rf "${work:?}/$1"
	cp -R "$bad/content/base" "$work/$1"
	[ -d "$bad/content/$1" ] && cp -R "$bad/content/$1/." "$work/$1/"
}
content_case base
run_case "content base is good" 0 /dev/null content check base
for e in "$bad"/content/*.expect; do
	n=$(basename "$e" .expect)
	content_case "$n"
	run_case "content check $n" "$(expect_exit "$e")" "$e" content check "$n"
	run_case "content build $n" "$(expect_exit "$e")" "$e" content build "$n" --db "$db"
done

# ---- Lines of arguments ---------------------------------------------------

# Expands the tokens of a .cases file into the arguments in "${args[@]}".
expand_args() {
	local a v
	args=()
	for a in "$@"; do
		case "$a" in
		@DB) v=$db ;;
		@EMPTY) v="" ;;
		@BIG) v=$big ;;
		*)
			v=$(printf '%b_' "${a//@DIR/$T/dir}")
			v=${v%_}
			v=${v//@MISSING/$T/missing}
			;;
		esac
		args+=("$v")
	done
}
cases_file() { # FILE LABEL
	local line want n=0
	while IFS= read -r line; do
		case "$line" in '#'* | '') continue ;; esac
		n=$((n + 1))
		IFS=$'\t' read -r -a f <<<"$line"
		want=${f[0]}
		want_re=${f[1]}
		expand_args "${f[@]:2}"
		run_case "$2 $n: $(printf '%s ' "${f[@]:2}" | head -c 60)" "$want" - "${args[@]}" </dev/null
	done <"$1"
}
cases_file "$bad/config.cases" config
cases_file "$bad/cmdline.cases" "command line"

# ---- Made here: too big for git ------------------------------------------

# BADINPUT_LINE_BYTES makes the long lines shorter while libcsv still grows
# its field buffer 128 bytes at a time (quadratic under ASan; see the report).
mb=$(head -c "${BADINPUT_LINE_BYTES:-1000000}" /dev/zero | tr '\0' a)
H='Anställningsnummer;Namn;Enhet;Roll'
printf '%s\n5001;%s;Enhet;medarbetare\n' "$H" "$mb" >"$work/line-1mb.csv"
want_re='line-1mb\.csv:2:2: error: field is longer than 1000 characters'
run_case "roster with a 1 MB line" 1 - staff import line-1mb.csv --db "$db"
printf '%s\n5001;Anna;Enhet;medarbetare\n' "$mb" >"$work/header-1mb.csv"
want_re='header-1mb\.csv:1:1: error: field is longer than 1000 characters'
run_case "roster with a 1 MB header" 1 - staff import header-1mb.csv --db "$db"
{
	printf 'Anställningsnummer;Namn;Enhet'
	seq 1 100000 | sed 's/^/;x/' | tr -d '\n'
	printf '\n5001;Anna;Enhet\n'
} >"$work/columns.csv"
want_re='would become inactive'
run_case "roster with 100,000 columns" 1 - staff import columns.csv --db "$db"
{
	printf '%s\n' "$H"
	yes '5001;Anna Andersson med ett mycket långt namn som fyller ut raden;Förvaltningen/Enheten;medarbetare' |
		head -c 70000000
} >"$work/huge.csv"
want_re='larger than 64 MiB'
run_case "roster over 64 MiB" 1 - staff import huge.csv --db "$db"
rm -f "$work/huge.csv"
ln -sf /dev/zero "$work/zero.csv"
run_case "roster that is /dev/zero" 1 - staff import zero.csv --db "$db"

printf 'VKSABCDEFGHJ;%s\n' "$mb" >"$work/paper-1mb.csv"
want_re='paper-1mb\.csv:1:2: error: .*(longer|too long)'
run_case "paper CSV with a 1 MB field" 1 - paper import paper-1mb.csv --db "$db"
yes 'VKSABCDEFGHJ;A;B;C;AB;rapportera;72;A' | head -c 17000000 >"$work/paper-huge.csv"
want_re='larger than|too large|too big'
run_case "paper CSV over 16 MiB" 1 - paper import paper-huge.csv --db "$db"
rm -f "$work/paper-huge.csv"
run_case "paper CSV that is /dev/zero" 1 - paper import zero.csv --db "$db"

content_case gift-1mb
printf '\n::lang:: %s {\n=ja\n~nej\n' "$mb" >>"$work/gift-1mb/courses/prov/quiz.gift"
want_re='quiz\.gift:13:[0-9]+: error: .\{. is never closed'
run_case "content with a 1 MB GIFT line" 1 - content check gift-1mb
run_case "content build with a 1 MB GIFT line" 1 - content build gift-1mb --db "$db"
content_case title-1mb
{
	sed -n '1,2p' "$bad/content/base/courses/prov/course.md"
	printf 'title: %s\n' "$mb"
	sed -n '4,$p' "$bad/content/base/courses/prov/course.md"
} >"$work/title-1mb/courses/prov/course.md"
want_re='course\.md:3:[0-9]+: error: '
run_case "content with a 1 MB title" 1 - content check title-1mb
content_case quiz-zero
rm "$work/quiz-zero/courses/prov/quiz.gift"
ln -s /dev/zero "$work/quiz-zero/courses/prov/quiz.gift"
want_re='quiz\.gift: error: cannot read: File too large'
run_case "content whose quiz is /dev/zero" 1 - content check quiz-zero
run_case "content build whose quiz is /dev/zero" 1 - content build quiz-zero --db "$db"
content_case quiz-dir
rm "$work/quiz-dir/courses/prov/quiz.gift"
mkdir "$work/quiz-dir/courses/prov/quiz.gift"
want_re='quiz\.gift: error: cannot read: Is a directory'
run_case "content whose quiz is a folder" 1 - content check quiz-dir
# Deep nesting must not blow the stack of the Markdown parser or the layout.
content_case deep
{
	printf '\n# Djupt\n\n'
	head -c 100000 /dev/zero | tr '\0' '>'
	printf ' citat\n\n'
	for i in $(seq 1 200); do printf '%*s- punkt\n' $((i * 2)) ''; done
} >>"$work/deep/courses/prov/course.md"
want_re='.'
(cd "$work" && timeout 120 "$VAKSAM" content check deep >"$T/out" 2>"$T/err")
rc=$?
[ "$rc" = 0 ] || [ "$rc" = 1 ] && pass "deeply nested Markdown is checked, not crashed on (exit $rc)" ||
	fail "deeply nested Markdown is checked, not crashed on" "exit $rc: $(head -5 "$T/err")"

# ---- Terminals ------------------------------------------------------------

# The kiosk on a terminal of the given size (tests/tools/ptyrun.py: a pty of
# its own, since tmux 3.3a itself dies on panes one or two cells wide): it
# stays, idle, for 2 s, draws the login once the window grows to 80x24, and
# ends cleanly on SIGTERM.
tiny() { # COLSxROWS
	local r
	r=$(python3 "$ROOT/tests/tools/ptyrun.py" --size "$1" --hold 2 --resize 80x24 \
		--expect "llningsnummer eller kort" --timeout 15 --env LANG=C.UTF-8 --env TERM=xterm-256color \
		--env "ASAN_OPTIONS=detect_leaks=1:log_path=$T/asan" \
		--env "UBSAN_OPTIONS=print_stacktrace=1:log_path=$T/asan" \
		-- "$VAKSAM" kiosk --locked --db "$db")
	case "$r" in
	*"alive=1 "*"exit=0 "*)
		awk -v r="$r" 'BEGIN { split(r, a, /[ =]/); exit !(a[4] >= 0 && a[4] < 1.0 && a[6] >= 0) }' &&
			pass "kiosk at $1: stays, idle, draws the login at 80x24, ends on SIGTERM" ||
			fail "kiosk at $1" "$r" ;;
	*) fail "kiosk at $1" "$r" ;;
	esac
}
for size in 1x1 2x2 1x40 2x24 3x10 10x3 80x1 300x2; do tiny "$size"; done

expect_eq "the database is unchanged after the terminals" "$snapshot" "$(dbdump "$db")"

# A session shrunk to 1x1 and back is still there (tmux survives 1x1).
kiosk_start
check "login at 80x24" login 1001 2468
$KTMUX resize-window -t k -x 1 -y 1
sleep 1
keys -l q
keys Enter
sleep 1
$KTMUX resize-window -t k -x 80 -y 24
wait_for "after 1x1 and back the session goes on" "Dina kurser|Logga ut"
screen | grep -q "Anställningsnummer eller kort" && fail "keys typed at 1x1 were ignored" "logged out" ||
	pass "keys typed at 1x1 were ignored"
$KTMUX kill-server >/dev/null 2>&1

# No terminal, an unknown terminal type.
TERM=vt100 "$VAKSAM" kiosk --db "$db" </dev/null >"$T/out" 2>"$T/err"
expect_eq "kiosk without a terminal exits 1" 1 "$?"
check "and says it needs one" grep -q "needs a terminal" "$T/err"
$KTMUX new-session -d -s k -x 80 -y 24 \
	"env TERM=no-such-terminal LANG=C.UTF-8 $VAKSAM kiosk --db $db; echo KIOSK-EXIT=\$?; sleep 30"
wait_for "unknown TERM: a clear message" "cannot use the terminal type 'no-such-terminal'" 10
wait_for "unknown TERM: exit 1" "KIOSK-EXIT=1" 10
$KTMUX kill-server >/dev/null 2>&1
asan_check "no sanitizer report from the kiosk"
echo "slowest cases:"
sort -k2 -n -r "$T/times" | head -5
