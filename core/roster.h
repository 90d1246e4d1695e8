/*
 * The staff roster: a CSV file from HR or Excel that lists everyone who
 * works for the municipality. roster.c reads and checks it into rows without
 * touching the database; roster_apply.c writes the rows through the person
 * and unit API in one transaction.
 *
 * File format
 *  - Encoding. A file starting with a UTF-8 byte order mark is UTF-8 and
 *    must be valid UTF-8 throughout. A file without one is UTF-8 when it is
 *    valid UTF-8. Otherwise it is read as Windows-1252 (Swedish Excel's plain
 *    "CSV" export) when it is plausibly so: it holds no valid UTF-8
 *    multi-byte sequence at all (a mix means a damaged UTF-8 file) and none
 *    of the bytes Windows-1252 leaves undefined (0x81 0x8D 0x8F 0x90 0x9D).
 *    It is then converted to UTF-8 with iconv. Anything else is invalid
 *    UTF-8, reported at the line and column of the field holding the first
 *    bad byte.
 *  - Delimiter. ';' or ',', whichever occurs more often outside quotes on
 *    the header line (';' on a tie, as Swedish Excel writes).
 *  - Lines. LF, CRLF or a lone CR. Quoted fields may hold delimiters, doubled
 *    quotes and line breaks; line numbers count physical lines, so a row
 *    after a quoted line break is still reported on its own line. Blank
 *    lines and rows whose fields are all empty are skipped.
 *  - Quoting must be well-formed (libcsv strict mode); a stray quote or an
 *    unclosed one refuses the whole file.
 *  - No field may be longer than ROSTER_FIELD_MAX characters (code points).
 *  - The whole file may be at most ROSTER_FILE_MAX bytes.
 *
 * Header
 *  The first non-blank row names the columns; they are matched after
 *  folding case and accents (collate_fold, then å ä → a and ö → o) and
 *  dropping everything but letters and digits, so "Anst.nr", "ANSTNR" and
 *  "Anställningsnummer" are alike. Columns other than these are ignored:
 *    employee number  anställningsnummer, anställningsnr, anstnr, anstnummer,
 *                     personalnummer, personalnr, employee_id, employee_no,
 *                     employee number, employee nr, emp_id, emp_no, staff_id
 *                     (never "personnummer": the national id is not wanted)
 *    name             namn, name, full name, fullständigt namn, fullt namn
 *    first/last name  förnamn, first_name, given name /
 *                     efternamn, last_name, surname, family name
 *                     (joined "first last"; used only when there is no name
 *                     column)
 *    unit             enhet, unit, organisationsenhet, org_unit
 *    role (optional)  roll, role
 *  Employee number, name (or both first and last name) and unit are
 *  required; a column named twice refuses the file.
 *
 * Rows
 *  Employee numbers are text: leading zeros are kept and matching is exact.
 *  Fields are trimmed of ASCII white space. A row is rejected, naming its
 *  line and the column of the field, when: the employee number or the name
 *  is empty; a field we use holds a control character (C0, DEL, C1), a
 *  bidirectional override or isolate (U+202A-202E, U+2066-2069), a
 *  direction mark (U+200E, U+200F, U+061C) or a line/paragraph separator
 *  (U+2028, U+2029), since these could rewrite what the kiosk shows; a
 *  field is over-long or not valid UTF-8; the unit path has an empty part;
 *  the role is unknown; the row ends before a column we use, or has extra
 *  non-empty fields past the header (an unquoted delimiter inside a name);
 *  or the employee number appears on another row (every such row is
 *  rejected, since which one is right cannot be known). An empty unit cell
 *  means no unit; an empty role cell keeps the person's role (staff for new
 *  people), as does a roster with no role column.
 */
#ifndef VAKSAM_ROSTER_H
#define VAKSAM_ROSTER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "person.h"

struct store;

#define ROSTER_FIELD_MAX 1000              /* characters in one field */
#define ROSTER_FILE_MAX (64u * 1024 * 1024) /* bytes in one file */

enum roster_encoding {
	ROSTER_UTF8,     /* valid UTF-8, no byte order mark */
	ROSTER_UTF8_BOM, /* a byte order mark, then (supposedly) UTF-8 */
	ROSTER_CP1252,   /* plausibly Windows-1252; converted on reading */
	ROSTER_INVALID   /* neither: the parser reports where */
};

/* The columns the import reads. */
enum roster_column {
	ROSTER_COL_NONE, /* any other header: ignored */
	ROSTER_COL_EMPLOYEE,
	ROSTER_COL_NAME,
	ROSTER_COL_FIRST,
	ROSTER_COL_LAST,
	ROSTER_COL_UNIT,
	ROSTER_COL_ROLE,
	ROSTER_COL_COUNT
};

struct roster_row {
	int line;          /* physical line the row starts on (1-based) */
	int employee_line; /* line of the employee number field */
	char *employee_no; /* owned; NULL when empty or unusable */
	char *name;        /* owned; NULL in a rejected row */
	char *unit_path;   /* owned, normalised; NULL for no unit (or rejected) */
	bool has_role;     /* the row gives a role */
	enum role role;    /* meaningful when has_role */
	bool rejected;     /* with its reasons in the diagnostics */
};

struct roster {
	char *file;                   /* owned; the name used in diagnostics */
	enum roster_encoding encoding;
	char delim;                   /* ';' or ',' */
	int header_line;              /* line of the header row */
	int cols[ROSTER_COL_COUNT];   /* 1-based column of each field, 0 when absent */
	struct roster_row *rows;      /* owned array of n_rows entries, in file order */
	size_t n_rows, alloc_rows;
	size_t n_rejected;            /* rows with rejected set */
};

#define ROSTER_INIT { NULL, ROSTER_UTF8, ';', 0, { 0 }, NULL, 0, 0, 0 }

/*
 * Decides the encoding of data (see the rule above). Sets *bom_len to the
 * bytes of a leading byte order mark (0 or 3).
 */
enum roster_encoding roster_detect_encoding(const char *data, size_t len, size_t *bom_len);
/* Returns ';' or ',' from the first non-blank line of data (BOM removed). */
char roster_detect_delimiter(const char *data, size_t len);
/* Returns the column a header names (ROSTER_COL_NONE for any other). */
enum roster_column roster_header_column(const char *header);
/* True when the UTF-8 text holds a character a name must not (see above);
 * sets *offset to its byte offset. */
bool roster_has_control(const char *text, size_t len, size_t *offset);

/*
 * Reads the roster in data (len bytes) into *out (a ROSTER_INIT struct),
 * naming it file in diagnostics. Rejected rows stay in out->rows with
 * rejected set and each reason added to diags as an error. Returns 0 when
 * the file could be read (possibly with rejected rows), -1 when the whole
 * file is refused (the reason is in diags). The caller releases *out with
 * roster_release() in both cases.
 */
int roster_parse(const char *file, const char *data, size_t len, struct roster *out,
		 struct diag_list *diags);
/* The same for a file on disk; a file that cannot be read is reported in
 * diags too. */
int roster_read_file(const char *path, struct roster *out, struct diag_list *diags);
void roster_release(struct roster *roster);

struct roster_options {
	bool dry_run;      /* do everything, then roll back */
	bool skip_invalid; /* write the valid rows even when some are rejected */
	bool force;        /* accept a roster that deactivates many people */
};

struct roster_result {
	size_t added;       /* new people */
	size_t updated;     /* people whose name, unit or role changed, or who came back */
	size_t unchanged;   /* people already as the roster says */
	size_t deactivated; /* active people missing from the roster */
	size_t rejected;    /* rejected rows */
	size_t active_before;
};

/*
 * Applies a parsed roster to the store in one transaction (BEGIN IMMEDIATE
 * ... COMMIT; rolled back on any failure and on a dry run). People missing
 * from the roster become inactive, never deleted; the people of rejected
 * rows are left as they are. Fills *res with what was (or, on a dry run,
 * would have been) done.
 *
 * Refuses, writing nothing, when the roster has rejected rows and
 * skip_invalid is not set, or when more than 10% of the active people, and
 * more than 5, would become inactive and force is not set. Returns 0 on
 * success, -1 with *cause set (caller frees) on a refusal or a store error.
 */
int roster_apply(struct store *store, const struct roster *roster,
		 const struct roster_options *opt, struct roster_result *res, char **cause);

#include "banned.h"

#endif
