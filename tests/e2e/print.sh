#!/bin/bash
# Printed material end to end: handouts, course booklets and certificates.
# Every PDF: pdftotext finds the Swedish text, pdftoppm -r 150 + zbarimg
# decodes every QR code to exactly what the database holds, qpdf --check
# passes, the page count is right, the metadata and the embedded font are
# there, the file is 0600. Bad input: unknown course, output in a missing
# folder, a symlink as output, a handout too long for one page.
# Badges and quiz sheets: print_badges.sh and paper.sh.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/print.lib"

print_db || exit 1
mkdir -p "$T/pdf"

# --- handout -----------------------------------------------------------------
vkin "$T/pdf" print handout incidenter --db "$db"
expect_eq "handout exits 0" 0 "$rc"
expect_eq "handout prints the default path" "handout-incidenter.pdf" "$(cat "$T/out")"
h=$T/pdf/handout-incidenter.pdf
check "handout written" test -f "$h"
expect_eq "handout is 0600" 600 "$(stat -c %a "$h")"
check "handout passes qpdf --check" qpdf --check "$h"
expect_eq "handout is one page" 1 "$(pages "$h")"
txt=$(pdftext "$h")
for want in "Incidenter – säg till direkt" "Så rapporterar du" "Rapportera direkt." \
	"Ring 0322-61 60 00 eller mejla incident@example.se." "Exempelkommunen" \
	"Öppna kursen i kiosken" "Läs mer med mobilen"; do
	case "$txt" in *"$want"*) pass "handout text: $want" ;; *) fail "handout text: $want" "not in pdftotext" ;; esac
done
case "$txt" in *"{{"*) fail "handout placeholders filled" "a {{placeholder}} is left" ;; *) pass "handout placeholders filled" ;; esac
expect_eq "handout QR codes: the course code and the URL" \
	"$(printf '%s\n%s' "$(course_code incidenter)" "https://intranat.example.se/kurs/incidenter" | sort)" \
	"$(qr "$h" | sort)"
case "$txt" in *"$(course_code incidenter | sed -E 's/(....)/\1 /g; s/ $//')"*) pass "handout prints what the course QR holds" ;;
	*) fail "handout prints what the course QR holds" "grouped code not in the text" ;; esac
case "$txt" in *"https://intranat."*) pass "handout prints the URL the QR holds" ;; *) fail "handout prints the URL the QR holds" ;; esac
info=$(pdfinfo "$h" 2>/dev/null)
check "handout title metadata" grep -q "^Title:.*Incidenter – säg till direkt\|^Title:.*Incidenter – känna igen och rapportera" <<<"$info"
check "handout author metadata" grep -q "^Author: *Exempelkommunen" <<<"$info"
check "handout creation date" grep -q "^CreationDate: .*2026" <<<"$info"
check "DejaVu Sans embedded" sh -c "pdffonts '$h' 2>/dev/null | grep -q 'DejaVuSans.*yes'"
check "every stream compressed" all_streams_compressed "$h"
check "body set at 12 pt or more" body_size_at_least "$h" 12

# Without handout_url only the course code.
"$VAKSAM" config set handout_url "" --db "$db" >/dev/null 2>&1 ||
	sqlite3 "$db" "DELETE FROM setting WHERE key = 'handout_url'"
vk print handout natfiske -o "$T/pdf/n.pdf" --db "$db"
expect_eq "-o FILE used" "$T/pdf/n.pdf" "$(cat "$T/out")"
expect_eq "one QR without handout_url" "$(course_code natfiske)" "$(qr "$T/pdf/n.pdf")"
"$VAKSAM" config set handout_url "https://intranat.example.se/kurs/{course}" --db "$db" >/dev/null

# --all: every handout, one page each.
vk print handout --all -o "$T/pdf/all.pdf" --db "$db"
expect_eq "handout --all exits 0" 0 "$rc"
expect_eq "handout --all has a page per handout" "$(sqlite3 "$db" 'SELECT count(*) FROM handout')" \
	"$(pages "$T/pdf/all.pdf")"
check "handout --all passes qpdf" qpdf --check "$T/pdf/all.pdf"

# Refusals.
vk print handout ingen-sadan-kurs --db "$db"
expect_eq "unknown course refused" 1 "$rc"
check "unknown course named" grep -q "no course 'ingen-sadan-kurs'" "$T/err"
vk print handout incidenter -o "$T/saknas/h.pdf" --db "$db"
expect_eq "missing folder refused" 1 "$rc"
check "missing folder named" grep -q "folder .*saknas: No such file or directory" "$T/err"
check "nothing created in a missing folder" test ! -e "$T/saknas"
echo keep >"$T/target"
ln -s "$T/target" "$T/pdf/link.pdf"
vk print handout incidenter -o "$T/pdf/link.pdf" --db "$db"
expect_eq "symlink output refused" 1 "$rc"
check "symlink output named" grep -q "symbolic link" "$T/err"
expect_eq "symlink target untouched" keep "$(cat "$T/target")"
vk print handout --db "$db"
expect_eq "handout without a course is a usage error" 2 "$rc"
vk print handout behandlingsregister --db "$db"
expect_eq "a course without a handout refused" 1 "$rc"
check "no handout named" grep -q "behandlingsregister.*no handout" "$T/err"

# A handout too long for one page: an error naming the course, no file.
mk_course "$T/long" langt-blad "Ett för långt blad" 1 long
vk content build "$T/long" --db "$db"
expect_eq "long handout course builds" 0 "$rc"
vk print handout langt-blad -o "$T/pdf/long.pdf" --db "$db"
expect_eq "handout too long refused" 1 "$rc"
check "too long names the course" grep -q "langt-blad.*does not fit on one A4 page" "$T/err"
check "no clipped file left" test ! -e "$T/pdf/long.pdf"

# --- course booklet ---------------------------------------------------------
vkin "$T/pdf" print course incidenter --db "$db"
expect_eq "booklet exits 0" 0 "$rc"
b=$T/pdf/course-incidenter.pdf
expect_eq "booklet default path" "course-incidenter.pdf" "$(cat "$T/out")"
check "booklet passes qpdf" qpdf --check "$b"
n_lessons=$(sqlite3 "$db" "SELECT count(*) FROM lesson_page p JOIN course c ON c.id = p.course_id WHERE c.slug = 'incidenter'")
# A cover, a page or more per lesson, the page about the quiz.
np=$(pages "$b")
if [ "$np" -ge $((n_lessons + 2)) ]; then pass "booklet pages ($np for $n_lessons lessons)"; else fail "booklet pages" "$np for $n_lessons lessons"; fi
txt=$(pdftext "$b")
while IFS= read -r title; do
	case "$txt" in *"$title"*) pass "booklet has lesson '$title'" ;; *) fail "booklet has lesson '$title'" ;; esac
done < <(sqlite3 "$db" "SELECT p.title FROM lesson_page p JOIN course c ON c.id = p.course_id WHERE c.slug = 'incidenter' ORDER BY page_no")
for want in "Tänk på" "Visa vad du har lärt dig" "provblad" "Sida 1 av $np" "Sida $np av $np"; do
	case "$txt" in *"$want"*) pass "booklet text: $want" ;; *) fail "booklet text: $want" ;; esac
done
expect_eq "booklet QR codes are the course code" "$(course_code incidenter)
$(course_code incidenter)" "$(qr "$b")"
vk print course ingen-sadan-kurs --db "$db"
expect_eq "booklet of an unknown course refused" 1 "$rc"

# --- certificate ------------------------------------------------------------
vk print certificate 1001 incidenter -o "$T/pdf/c.pdf" --db "$db"
expect_eq "certificate for a course not passed refused" 1 "$rc"
check "not passed said" grep -q "not passed" "$T/err"
check "no certificate file" test ! -e "$T/pdf/c.pdf"
expect_eq "no certificate recorded" 0 "$(sqlite3 "$db" 'SELECT count(*) FROM certificate')"
pass_course 1001 incidenter 92
vkin "$T/pdf" print certificate 1001 incidenter --db "$db"
expect_eq "certificate exits 0" 0 "$rc"
c=$T/pdf/certificate-1001-incidenter.pdf
expect_eq "certificate default path" "certificate-1001-incidenter.pdf" "$(cat "$T/out")"
code=$(sqlite3 "$db" "SELECT code FROM certificate")
check "certificate code is VKV" grep -Eq '^VKV[0-9A-Z]{11}$' <<<"$code"
expect_eq "certificate QR is the recorded code" "$code" "$(qr "$c")"
check "certificate passes qpdf" qpdf --check "$c"
expect_eq "certificate is one page" 1 "$(pages "$c")"
txt=$(pdftext "$c")
for want in "Intyg" "Anna Lindqvist" "Socialförvaltningen / Hemtjänst Norr" \
	"Incidenter – känna igen och rapportera" "92 %" "Kontrollkod" \
	"$(sed -E 's/(....)/\1 /g; s/ $//' <<<"$code")"; do
	case "$txt" in *"$want"*) pass "certificate text: $want" ;; *) fail "certificate text: $want" ;; esac
done
vk verify "$code" --db "$db"
expect_eq "verify a genuine code" 0 "$rc"
check "verify says genuine" grep -q "^GENUINE" "$T/out"
check "verify names the holder" grep -q "Anna Lindqvist (employee 1001)" "$T/out"
check "verify names the course" grep -qP "course:\tincidenter\tIncidenter – känna igen och rapportera\tpassed 20[0-9-]+\tscore 92%" "$T/out"
vk verify "$(tr 'A-Z' 'a-z' <<<"$code" | sed -E 's/(....)/\1 /g')" --db "$db"
expect_eq "verify takes lower case and spaces" 0 "$rc"
bad=$(sed -E 's/(.)$/\1/' <<<"$code" | sed -E 's/^(.{5})(.)/\1Z/')
[ "$bad" = "$code" ] && bad=$(sed -E 's/^(.{5})(.)/\1Y/' <<<"$code")
vk verify "$bad" --db "$db"
expect_eq "verify a changed code" 1 "$rc"
check "changed code not genuine" grep -q "^NOT GENUINE" "$T/out"
vk verify "VKV$(course_code x | cut -c4-)" --db "$db"
expect_eq "verify an unknown code" 1 "$rc"
vk verify "$(course_code incidenter)" --db "$db"
expect_eq "a course code is no certificate" 1 "$rc"
vk verify --db "$db"
expect_eq "verify without a code is a usage error" 2 "$rc"
vk print certificate 1001 --programme -o "$T/pdf/p.pdf" --db "$db"
expect_eq "programme not completed refused" 1 "$rc"
check "missing programme courses named" grep -q "not passed samordnare-roll" "$T/err"
vk print certificate 4242 incidenter --db "$db"
expect_eq "certificate for an unknown person refused" 1 "$rc"
vk print certificate 1001 --db "$db"
expect_eq "certificate without course or --programme is a usage error" 2 "$rc"
# The whole programme passed: one certificate listing every course.
for s in $(sqlite3 "$db" "SELECT slug FROM course WHERE audience = 'coordinators' AND translation_of IS NULL"); do
	pass_course 2001 "$s" 85
done
vk print certificate 2001 --programme -o "$T/pdf/p.pdf" --db "$db"
expect_eq "programme certificate exits 0" 0 "$rc"
pcode=$(sqlite3 "$db" "SELECT code FROM certificate WHERE kind = 'programme'")
expect_eq "programme certificate QR" "$pcode" "$(qr "$T/pdf/p.pdf")"
expect_eq "programme certificate lists every course" \
	"$(sqlite3 "$db" "SELECT count(*) FROM course WHERE audience = 'coordinators' AND translation_of IS NULL")" \
	"$(sqlite3 "$db" "SELECT count(*) FROM certificate_course cc JOIN certificate c ON c.id = cc.certificate_id WHERE c.kind = 'programme'")"
txt=$(pdftext "$T/pdf/p.pdf")
case "$txt" in *"Samordnarprogrammet i informationssäkerhet"*) pass "programme certificate text" ;; *) fail "programme certificate text" ;; esac
check "programme certificate passes qpdf" qpdf --check "$T/pdf/p.pdf"
vk verify "$pcode" --db "$db"
check "verify a programme certificate" grep -q "the completed coordinators' programme" "$T/out"
expect_eq "certificates audited" 2 "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE action = 'print.certificate'")"
