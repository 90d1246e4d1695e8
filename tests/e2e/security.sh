#!/bin/bash
# Security end to end (issue 8), on the real binary:
#   - file modes of the database, its WAL, its key and exported files;
#   - `staff totp`: a new secret each time, the otpauth:// URI, the terminal
#     QR code decoded with zbarimg back to exactly that URI; the secret not in
#     the database in clear;
#   - `staff unlock` and `staff scope`, and their audit entries;
#   - `audit` listing and filters; `audit --verify` passes, and fails after an
#     edit made with sqlite3; UPDATE and DELETE refused by triggers;
#   - `gdpr export` to CSV and PDF, `gdpr inventory`, `gdpr check`; an output
#     path that is a symbolic link is refused;
#   - `gdpr erase`: grep -a finds neither the name nor the employee number in
#     the database or its WAL afterwards; the chain still verifies;
#   - `gdpr purge` on a `demo generate` data set: the printed counts are the
#     rows removed, a dry run changes nothing, the chain still verifies;
#   - hostile names: roster import refuses ESC/CR/BS/U+202E; a hostile name
#     put in with sqlite3 is printed harmlessly (tmux capture-pane).
# Lockouts and TOTP codes from oathtool are tested in tests/unit/test_security_*.c.
. "$(dirname "$0")/lib.sh"
db=$T/v.db
umask 022

# Half-block QR text on stdin -> a PBM image (light cells are the drawn ones,
# or the dark ones with --invert), scaled up for zbarimg.
qr2pbm() {
	python3 -c '
import sys
invert = len(sys.argv) > 1
rows = []
for line in sys.stdin.read().split("\n"):
    if not any(c in line for c in "\u2580\u2584\u2588"):
        continue
    rows.append([c in "\u2580\u2588" for c in line])
    rows.append([c in "\u2584\u2588" for c in line])
w = max(len(r) for r in rows)
s = 6
print("P1\n%d %d" % (w * s, len(rows) * s))
for r in rows:
    r = r + [False] * (w - len(r))
    line = " ".join(("1" if (d if invert else not d) else "0") for d in r for _ in range(s))
    for _ in range(s):
        print(line)
' "$@"
}
field() { sed -n "s/^$1: *//p" "$T/out"; }
mode() { stat -c %a "$1"; }
# grep -a for each argument in the database and its WAL.
in_db() {
	local s
	for s in "$@"; do
		grep -aqF -- "$s" "$db" "$db-wal" 2>/dev/null && return 0
	done
	return 1
}

# Three audit entries from 2026 come first (the purge below removes them),
# then everything else happens in January 2030.
export VAKSAM_NOW=2026-02-01T08:00:00
vk init --demo --db "$db"
expect_eq "init --demo" 0 "$rc"
for i in 1 2 3; do vk staff unlock 1001 --db "$db"; done
export VAKSAM_NOW=2030-01-15T09:00:00
expect_eq "database mode 0600" 600 "$(mode "$db")"
expect_eq "key mode 0600" 600 "$(mode "$db.key")"
vk staff list --db "$db"
[ -f "$db-wal" ] && expect_eq "WAL mode 0600" 600 "$(mode "$db-wal")"
vk audit --verify --db "$db"
expect_eq "verify a new log" 0 "$rc"

# --- TOTP enrolment -------------------------------------------------------------
vk staff totp 2001 --db "$db"
expect_eq "staff totp exits 0" 0 "$rc"
secret=$(field Secret)
uri=$(field URI)
check "secret is 160 bits of base32" grep -qxE '[A-Z2-7]{32}' <<<"$secret"
expect_eq "otpauth URI" "otpauth://totp/vaksam:2001?secret=$secret&issuer=vaksam&algorithm=SHA1&digits=6&period=30" "$uri"
check "not the demo secret any more" test "$secret" != JBSWY3DPEHPK3PXP
if command -v zbarimg >/dev/null; then
	qr2pbm <"$T/out" >"$T/qr.pbm"
	expect_eq "terminal QR decodes to the URI" "QR-Code:$uri" "$(zbarimg -q "$T/qr.pbm" 2>/dev/null)"
	vk staff totp 2001 --invert --db "$db"
	qr2pbm invert <"$T/out" >"$T/qr2.pbm"
	expect_eq "inverted QR decodes" "QR-Code:$(field URI)" "$(zbarimg -q "$T/qr2.pbm" 2>/dev/null)"
	check "a new secret each time" test "$(field Secret)" != "$secret"
	secret=$(field Secret)
else
	fail "terminal QR decodes to the URI" "zbarimg missing (make deps)"
fi
if command -v oathtool >/dev/null; then
	check "oathtool takes the secret" oathtool --totp -b "$secret"
fi
sqlite3 "$db" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
if in_db "$secret" JBSWY3DPEHPK3PXP; then fail "TOTP secret not in clear" "found"; else pass "TOTP secret not in clear"; fi
vk staff totp 1001 --db "$db"
expect_eq "no TOTP for staff" 1 "$rc"
vk staff totp 424242 --db "$db"
expect_eq "unknown employee" 1 "$rc"

# --- unlock and scope --------------------------------------------------------------
vk staff unlock 1001 --db "$db"
expect_eq "unlock exits 0" 0 "$rc"
check "unlock says what it did" grep -q $'^1001\tAnna Lindqvist\tunlocked' "$T/out"
vk staff scope 2001 --db "$db"
check "scope: own unit by default" grep -q $'^covers\tSocialförvaltningen/Hemtjänst Norr' "$T/out"
vk staff scope 2001 "Barn- och utbildningsförvaltningen" --db "$db"
expect_eq "scope set" 0 "$rc"
check "scope shows the new unit" grep -q $'^covers\tBarn- och utbildningsförvaltningen\t(and 3 units below)' "$T/out"
vk staff scope 2001 "Ingen sådan" --db "$db"
expect_eq "scope: unknown unit refused" 1 "$rc"
vk staff scope 1001 "Socialförvaltningen" --db "$db"
expect_eq "scope: staff refused" 1 "$rc"
vk staff scope 2001 --clear --db "$db"
expect_eq "scope cleared" 0 "$rc"

# --- the audit log -----------------------------------------------------------------
vk audit --db "$db"
expect_eq "audit lists" 0 "$rc"
check "totp enrolment logged by id" grep -qE $'^[0-9]+\t[0-9T:Z-]+\t-\ttotp.enrol\t#[0-9]+/2001\t' "$T/out"
check "unlock logged" grep -qE $'\tlogin.unlock\t#[0-9]+/1001\t' "$T/out"
check "scope logged" grep -qE $'\taccess.scope\t#[0-9]+/2001\tunits=' "$T/out"
check "no secret in the log" bash -c "! grep -qF '$secret' '$T/out'"
n_all=$(wc -l <"$T/out")
vk audit --employee 1001 --db "$db"
expect_eq "audit --employee filters" 4 "$(wc -l <"$T/out")"
vk audit --since 2999-01-01 --db "$db"
expect_eq "audit --since filters" 0 "$(wc -l <"$T/out")"
vk audit --since yesterday --db "$db"
expect_eq "audit --since checks its date" 2 "$rc"
vk audit --verify --db "$db"
expect_eq "verify passes" 0 "$rc"
check "verify counts the entries" grep -q "^audit log intact: $n_all entries verified" "$T/out"
if sqlite3 "$db" "UPDATE audit SET detail = 'x' WHERE id = 1" 2>/dev/null; then
	fail "UPDATE refused by trigger" "it went through"
else pass "UPDATE refused by trigger"; fi
if sqlite3 "$db" "DELETE FROM audit WHERE id = 1" 2>/dev/null; then
	fail "DELETE refused by trigger" "it went through"
else pass "DELETE refused by trigger"; fi

# --- GDPR: inventory, check, export ------------------------------------------------
vk gdpr inventory --db "$db"
expect_eq "inventory" 0 "$rc"
check "inventory: legal basis" grep -q "Rättslig grund: Uppgift av allmänt intresse" "$T/out"
check "inventory: not consent" grep -q "Inte samtycke" "$T/out"
check "inventory: audit table" grep -q "^## Säkerhetslogg (audit)" "$T/out"
vk gdpr inventory --lang en --db "$db"
check "inventory in English" grep -q "Legal basis: Public task" "$T/out"
vk gdpr check --db "$db"
expect_eq "gdpr check" 0 "$rc"

vk gdpr export 1001 -o "$T/anna.csv" --db "$db"
expect_eq "export CSV" 0 "$rc"
expect_eq "export CSV mode 0600" 600 "$(mode "$T/anna.csv")"
expect_eq "CSV starts with a BOM" "efbbbf" "$(head -c 3 "$T/anna.csv" | od -An -tx1 | tr -d ' \n')"
check "CSV holds the name" grep -q '"Anna Lindqvist"' "$T/anna.csv"
check "CSV names IMY" grep -q "IMY" "$T/anna.csv"
check "CSV has no hash" bash -c "! grep -q 'argon2' '$T/anna.csv'"
vk gdpr export 1001 -o "$T/anna.pdf" --lang en --db "$db"
expect_eq "export PDF" 0 "$rc"
expect_eq "export PDF mode 0600" 600 "$(mode "$T/anna.pdf")"
if command -v pdftotext >/dev/null; then
	pdftotext "$T/anna.pdf" - 2>/dev/null >"$T/anna.txt"
	check "PDF: title" grep -q "Register extract" "$T/anna.txt"
	check "PDF: the person" grep -q "Anna Lindqvist (1001)" "$T/anna.txt"
	check "PDF: complaint to IMY" grep -q "Integritetsskyddsmyndigheten" "$T/anna.txt"
fi
command -v qpdf >/dev/null && check "PDF passes qpdf --check" qpdf --check "$T/anna.pdf"
echo precious >"$T/target"
ln -s "$T/target" "$T/link.csv"
vk gdpr export 1001 -o "$T/link.csv" --db "$db"
expect_eq "symlink output refused" 1 "$rc"
expect_eq "link target untouched" precious "$(cat "$T/target")"
vk gdpr export 1001 -o "$T/no/such/dir.csv" --db "$db"
expect_eq "missing folder refused" 1 "$rc"
vk gdpr export 1001 -o "$T/x.txt" --db "$db"
expect_eq "export needs .pdf or .csv" 2 "$rc"

# --- hostile names ---------------------------------------------------------------
printf 'anstnr;namn;enhet\n8801;Eva\033[2J Ond;IT\n8802;Bo\rMallory;IT\n8803;Al\b\bXX;IT\n8804;Ali \342\200\256dnuL;IT\n' >"$T/hostile.csv"
before=$(dbdump "$db")
vk staff import "$T/hostile.csv" --db "$db"
expect_eq "hostile roster refused" 1 "$rc"
check "the line of the ESC is named" grep -q ":2:" "$T/err"
check "the line of U+202E is named" grep -q ":5:" "$T/err"
check "no raw ESC in the diagnostics" bash -c "! grep -q \$'\\033' '$T/err'"
expect_eq "hostile roster: database unchanged" "$before" "$(dbdump "$db")"

# A hostile name put in behind vaksam's back is printed harmlessly.
sqlite3 "$db" "UPDATE person SET name = 'Maria' || char(27) || '[2J' || char(27) || ']0;pwned' || char(7) || char(13) || 'Evil' || char(8, 8, 8) || char(8238) || 'Svensson' WHERE employee_no = '2001'"
vk staff scope 2001 --db "$db"
check "no control characters printed" bash -c "! LC_ALL=C grep -qP '[\\x00-\\x08\\x0b-\\x1f\\x7f]|\\xe2\\x80\\xae' '$T/out'"
check "the name shown with ? marks" grep -qF "Maria?[2J?]0;pwned??Evil????Svensson" "$T/out"
vk gdpr export 2001 -o "$T/maria.csv" --db "$db"
check "CSV export cleans the name" bash -c "! LC_ALL=C grep -qP '\\x1b|\\xe2\\x80\\xae' '$T/maria.csv'"
if command -v tmux >/dev/null; then
	sock="sec$$"
	tmux -L "$sock" -f /dev/null new-session -d -s s -x 100 -y 20 \
		"printf 'MARKER-LINE\n'; '$VAKSAM' staff scope 2001 --db '$db'; sleep 30"
	for _ in $(seq 50); do
		tmux -L "$sock" capture-pane -p -t s >"$T/pane" 2>/dev/null
		grep -q "^covers" "$T/pane" && break
		sleep 0.1
	done
	check "tmux: the screen was not cleared" grep -q "MARKER-LINE" "$T/pane"
	check "tmux: the name is shown harmlessly" grep -qF "Maria?[2J?]0;pwned??Evil????Svensson" "$T/pane"
	title=$(tmux -L "$sock" display -p -t s '#{pane_title}')
	check "tmux: the title was not set" test "$title" != pwned
	tmux -L "$sock" kill-server 2>/dev/null
fi
sqlite3 "$db" "UPDATE person SET name = 'Maria Svensson' WHERE employee_no = '2001'"

# --- erase --------------------------------------------------------------------------
# Zäta joins with the roster (everyone else stays), gets a badge, and answers
# a quiz whose essay names her.
{
	echo "anstnr;namn;enhet;roll"
	"$VAKSAM" staff list --db "$db" | awk -F'\t' '{ printf "%s;%s;%s;%s\n", $1, $2, $3, $4 }'
	echo "7700771;Zäta Testsdotter;Socialförvaltningen/Hemtjänst Norr;staff"
} >"$T/roster.csv"
vk staff import "$T/roster.csv" --db "$db"
check "import Zäta" grep -qE '^1 added, [0-9]+ updated, 0 deactivated, 0 rejected$' "$T/out"
vk staff badge 7700771 --db "$db"
expect_eq "badge for Zäta" 0 "$rc"
vk content build --db "$db"
zeta=$(sqlite3 "$db" "SELECT id FROM person WHERE employee_no = '7700771'")
sqlite3 "$db" "INSERT INTO attempt (id, person_id, unit_id, course_id, course_version, kind, source, started, finished, score, passed)
	SELECT 900001, $zeta, NULL, c.id, c.version, 'quiz', 'kiosk', '2030-01-02T10:00:00Z', '2030-01-02T10:09:00Z', 80, 1 FROM course c ORDER BY c.id LIMIT 1;
	INSERT INTO response (attempt_id, question_version_id, position, answer, mark, answered)
	SELECT 900001, qv.id, 1, '{\"text\":\"Jag, Zäta Testsdotter (7700771), lovar\"}', NULL, '2030-01-02T10:05:00Z'
	FROM question_version qv JOIN question q ON q.id = qv.question_id JOIN attempt a ON a.course_id = q.course_id AND a.id = 900001 LIMIT 1;
	INSERT INTO completion (person_id, course_id, attempt_id, passed_at, score)
	SELECT $zeta, course_id, 900001, '2030-01-02T10:09:00Z', 80 FROM attempt WHERE id = 900001;"
vk gdpr export 7700771 -o "$T/zeta.csv" --db "$db"
check "Zäta's export holds her answer" grep -q "lovar" "$T/zeta.csv"
vk gdpr erase 7700771 --reason "Zäta Testsdotter asked" --db "$db"
expect_eq "a reason naming her is refused" 1 "$rc"
vk gdpr erase 7700771 --db "$db"
expect_eq "erase needs a reason" 2 "$rc"
vk gdpr erase 7700771 --reason "art. 17, dnr KS 2030/12" --db "$db"
expect_eq "erase exits 0" 0 "$rc"
check "erase reports the anonymous attempts" grep -q $'^attempts kept as anonymous unit statistics\t1$' "$T/out"
if in_db "7700771" "Zäta Testsdotter" "Zäta" "Testsdotter"; then
	fail "erase: nothing in the database or WAL" "$(grep -aoE '.{0,20}(7700771|Testsdotter).{0,20}' "$db" "$db-wal" | head -3)"
else
	pass "erase: nothing in the database or WAL"
fi
expect_eq "her attempt stays for the unit" 1 \
	"$(sqlite3 "$db" "SELECT count(*) FROM attempt WHERE id = 900001 AND person_id IS NULL AND unit_id IS NOT NULL")"
vk staff list --all --db "$db"
check "she is gone from the list" bash -c "! grep -q 7700771 '$T/out'"
vk audit --verify --db "$db"
expect_eq "verify after erase" 0 "$rc"

# --- purge on a generated data set -----------------------------------------------------
export VAKSAM_NOW=2030-06-01T12:00:00
vk demo generate --staff 150 --years 4 --seed 11 --db "$db"
expect_eq "demo generate" 0 "$rc"
cutoff=2027-06-01T12:00:00Z
q() { sqlite3 "$db" "$1"; }
exp_responses=$(q "SELECT count(*) FROM response WHERE attempt_id IN (SELECT id FROM attempt WHERE IFNULL(finished, started) < '$cutoff')")
exp_audit=$(q "SELECT count(*) FROM audit WHERE id < IFNULL((SELECT min(id) FROM audit WHERE at >= '$cutoff'), 1e18)")
exp_lessons=$(q "SELECT count(*) FROM lesson_progress WHERE updated < '$cutoff'")
exp_completions=$(q "SELECT count(*) FROM completion WHERE passed_at < '$cutoff'")
responses_before=$(q "SELECT count(*) FROM response")
audit_before=$(q "SELECT count(*) FROM audit")
check "the data set has old responses" test "$exp_responses" -gt 1000
expect_eq "three old audit entries" 3 "$exp_audit"
before=$(dbdump "$db")
vk gdpr purge --older-than 36m --dry-run --db "$db"
expect_eq "dry run exits 0" 0 "$rc"
expect_eq "dry run: cutoff" "dry run: would remove data older than $cutoff" "$(head -n 1 "$T/out")"
expect_eq "dry run: responses" "$exp_responses" "$(sed -n 's/^responses\t//p' "$T/out")"
expect_eq "dry run: audit entries" "$exp_audit" "$(sed -n 's/^audit entries\t//p' "$T/out")"
expect_eq "dry run: completions kept" "$exp_completions" "$(sed -n 's/^completions kept as proof of training\t//p' "$T/out")"
expect_eq "dry run changes nothing" "$before" "$(dbdump "$db")"
vk gdpr purge --older-than 36m --db "$db"
expect_eq "purge exits 0" 0 "$rc"
expect_eq "purge: responses" "$exp_responses" "$(sed -n 's/^responses\t//p' "$T/out")"
expect_eq "purge: lesson positions" "$exp_lessons" "$(sed -n 's/^lesson positions\t//p' "$T/out")"
expect_eq "responses removed = count printed" "$((responses_before - exp_responses))" "$(q 'SELECT count(*) FROM response')"
expect_eq "audit: removed, plus anchor and purge entry" "$((audit_before - exp_audit + 2))" "$(q 'SELECT count(*) FROM audit')"
expect_eq "completions kept" "$exp_completions" "$(q "SELECT count(*) FROM completion WHERE passed_at < '$cutoff'")"
expect_eq "nothing older is left" 0 "$(q "SELECT count(*) FROM response WHERE attempt_id IN (SELECT id FROM attempt WHERE IFNULL(finished, started) < '$cutoff')")"
vk audit --verify --db "$db"
expect_eq "verify after purge" 0 "$rc"
vk gdpr purge --older-than 36m --db "$db"
expect_eq "a second purge removes nothing" "0" "$(sed -n 's/^responses\t//p' "$T/out")"
vk audit --verify --db "$db"
expect_eq "verify after a second purge" 0 "$rc"

# --- an edit made with sqlite3 is detected ------------------------------------------------
sqlite3 "$db" "DROP TRIGGER audit_no_update; UPDATE audit SET detail = 'nothing to see' WHERE id = (SELECT max(id) - 2 FROM audit)"
vk audit --verify --db "$db"
expect_eq "verify fails after an edit" 1 "$rc"
check "verify names the entry" grep -q "was changed after it was written" "$T/err"
unset VAKSAM_NOW
