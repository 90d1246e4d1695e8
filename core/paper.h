/*
 * Paper quiz sheets: printed for people who do not use the kiosk, and their
 * answers keyed back in, so that paper counts in the same measurement as the
 * kiosk.
 *
 * A sheet is created when it is printed (table paper_sheet): a sheet code
 * (`VKS` + 8 random characters + check character, scancode.h), the course,
 * the course version and pass mark at the time, the person (or none, for an
 * anonymous sheet of a unit), the unit, and the plan: the exact question
 * versions printed and the order their choices were printed in, in the JSON
 * form of attempt.plan. Answers keyed later are read against that plan, so a
 * sheet of an older course version scores against the version printed.
 *
 * What goes on paper: single choice, multiple answers, true/false, matching,
 * short answer and numerical questions, in quiz order. Essays and
 * descriptions are left out (they cannot be keyed or scored from paper).
 *
 * Keys, the same on the printed sheet, in `paper import` and at the kiosk:
 *   PAPER_ONE    single choice and true/false: the letter printed at the
 *                ticked box (A, B, C ...; true/false prints A Sant, B Falskt).
 *                Empty or '-' means no box was ticked; two or more letters
 *                mean several boxes were ticked, which scores 0.
 *   PAPER_MANY   multiple answers: the letters of every ticked box in any
 *                order ("AC"); empty or '-' means none.
 *   PAPER_PAIRS  matching: the left items are numbered 1..n_left and the
 *                right-hand choices lettered; one letter per numbered item in
 *                order, '-' for an item left blank ("BAC", "B-C"). Empty
 *                means the whole question was left blank.
 *   PAPER_WRITE  short answer and numerical: the text written on the line.
 *   Letters are case-insensitive; spaces and commas between letters are
 *   ignored.
 *
 * Entering a sheet makes a finished attempt (kind quiz, source paper) with
 * one response per item, marked with question_score() and stored as
 * attempt_answer_to_json() writes it, and for a personal sheet that reaches
 * the pass mark a completion, as a kiosk quiz does; anonymous sheets count
 * only for their unit (attempt.person_id NULL, unit_id set). A sheet can be
 * entered once: the second time is refused.
 *
 * The kiosk's entry screen: paper_sheet_find() on the scanned or typed code,
 * paper_answer_parse() on each question's keys as they are typed (to show
 * what they mean or why they are wrong), then paper_sheet_enter() after the
 * review screen.
 */
#ifndef VAKSAM_PAPER_H
#define VAKSAM_PAPER_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "question.h"
#include "scancode.h"

struct store;
struct catalog_course;
struct catalog_questions;

/* Random characters after `VKS`: Crockford's base32 alphabet (no I L O U),
 * 40 bits, so codes cannot be guessed by counting. */
#define PAPER_CODE_RANDOM 8
/* The most boxes (letters A-Z) one question can have on paper. */
#define PAPER_MAX_KEYS 26

enum paper_kind {
	PAPER_ONE,   /* single choice, true/false */
	PAPER_MANY,  /* multiple answers */
	PAPER_PAIRS, /* matching */
	PAPER_WRITE, /* short answer, numerical */
};

/* One printed question. */
struct paper_item {
	long long version_id; /* question_version.id printed */
	struct question q;    /* owned; that version (q.category is its topic) */
	enum paper_kind kind;
	size_t n_choices; /* boxes (ONE, MANY) or right-hand choices (PAIRS); 0 for WRITE */
	size_t *choice;   /* owned: the box with key paper_key(k) stands for answers[choice[k]]
			     (ONE, MANY) or for the right side of pairs[choice[k]] (PAIRS) */
	size_t n_left;    /* PAIRS: numbered left items */
	size_t *left;     /* owned: item number n (1-based) is pairs[left[n - 1]] */
	int *order;       /* owned: the plan's order for this item, n_order entries */
	size_t n_order;
};

struct paper_sheet {
	long long id;
	char *code; /* owned; canonical VKS... */
	long long course_id;
	char *course_slug;   /* owned */
	char *course_title;  /* owned */
	int course_version;  /* as printed */
	int pass_mark;       /* percent, as printed */
	long long person_id; /* 0 for an anonymous sheet */
	char *person_name;   /* owned; NULL when anonymous */
	char *employee_no;   /* owned; NULL when anonymous */
	long long unit_id;
	char *unit_path;          /* owned */
	char *printed;            /* owned; UTC time */
	long long attempt_id;     /* 0 until entered */
	char *entered;            /* owned; NULL until entered */
	struct paper_item *items; /* owned, n_items entries in printed order */
	size_t n_items;
};

/* A decoded set of keys for one item; owns its arrays. */
struct paper_answer {
	bool blank;     /* nothing ticked or written */
	bool spoilt;    /* PAPER_ONE with several boxes ticked: scores 0 */
	size_t *chosen; /* owned; answers[] indexes (ONE, MANY) */
	size_t n_chosen;
	int *match; /* owned; PAIRS: n_pairs entries, pairs[] index or -1 */
	size_t n_match;
	char *text; /* owned; WRITE: the text, NULL when blank */
};

struct paper_result {
	long long attempt_id;
	double score; /* percent, 0..100, two decimals */
	bool passed;
	bool completed;  /* a completion was recorded (personal sheet, passed) */
	size_t answered; /* items not blank */
};

/* The letter for box k (0-based): 'A' + k. */
char paper_key(size_t k);
/* Whether a question of this type goes on paper, and as what. */
bool paper_kind_of(enum question_type type, enum paper_kind *kind);

/*
 * Creates one sheet for a course's current questions, inside the caller's
 * transaction (store_begin): a fresh code, choices shuffled, the plan
 * stored. person_id 0 makes an anonymous sheet. unit_id must name a unit.
 * Fills *out as paper_sheet_get() would. Returns 0, or -1 with *cause (also
 * when the course has no question that can go on paper).
 */
int paper_sheet_create(struct store *store, const struct catalog_course *course,
		       const struct catalog_questions *questions, long long person_id,
		       long long unit_id, struct paper_sheet *out, char **cause);

/* Loads a sheet by id. Returns 1 and fills *out, 0 when there is none, -1. */
int paper_sheet_get(struct store *store, long long id, struct paper_sheet *out, char **cause);

/*
 * Reads a scanned or typed sheet code (any case, spaces ignored) and loads
 * the sheet. *status: SCANCODE_MALFORMED (not a code, or a code of another
 * kind), SCANCODE_MISTYPED (check character wrong) or SCANCODE_OK. Returns
 * 1 and fills *out when the sheet exists (also when it was already entered:
 * out->attempt_id says so), 0 when not, -1 with *cause on error.
 */
int paper_sheet_find(struct store *store, const char *typed, enum scancode_status *status,
		     struct paper_sheet *out, char **cause);

void paper_sheet_release(struct paper_sheet *sheet);

/*
 * Reads the keys typed for one item. Returns 0 and fills *out (release it
 * with paper_answer_release), or -1 with *why (newly allocated English
 * sentence, caller frees): an unknown letter, a letter twice, the wrong
 * number of letters for a matching question.
 */
int paper_answer_parse(const struct paper_item *item, const char *keys, struct paper_answer *out,
		       char **why);
void paper_answer_release(struct paper_answer *answer);
/* The mark (0..1) an answer gets with question_score(). */
double paper_answer_mark(const struct paper_item *item, const struct paper_answer *answer);

/*
 * Records a keyed sheet inside the caller's transaction: keys[i] are the keys
 * of item i (NULL or "" for blank). Returns 0 with *result filled; 1 when the
 * sheet was already entered (nothing written, *cause says when); -1 with
 * *cause for bad keys ("question N: ...", nothing written) or a store error
 * (the caller must roll back).
 */
int paper_sheet_record(struct store *store, const struct paper_sheet *sheet,
		       const char *const *keys, long long actor_id, struct paper_result *result,
		       char **cause);

/* The same in its own BEGIN IMMEDIATE transaction, for the kiosk. actor_id
 * is the person keying the sheet (the coordinator), 0 for the command line;
 * it goes into the audit log ("paper.entry"). */
int paper_sheet_enter(struct store *store, const struct paper_sheet *sheet, const char *const *keys,
		      long long actor_id, struct paper_result *result, char **cause);

/*
 * `vaksam paper import FILE.csv` (paper_csv.c). One row per sheet: the sheet
 * code, then the keys of each question in printed order. Delimiter ';' or
 * ',' (whichever the first line has more of), UTF-8 with or without BOM or
 * Windows-1252, CRLF, quoted fields. An optional first row whose first cell
 * is a header word (blad, bladkod, kod, sheet, code ...) is skipped. Blank
 * lines are skipped; empty cells after the last question are ignored.
 */
#define PAPER_CSV_MAX_BYTES (16u * 1024 * 1024)
#define PAPER_CSV_FIELD_MAX 1000

struct paper_row {
	int line;      /* physical line the row starts on, 1-based */
	char **fields; /* owned, n_fields NUL-terminated UTF-8 strings, trimmed */
	size_t n_fields;
};

struct paper_rows {
	char *file;             /* owned; the name used in diagnostics */
	struct paper_row *rows; /* owned, n entries */
	size_t n, alloc;
};

/* Parses CSV text into rows; problems go to diags as FILE:LINE:COL errors.
 * Returns 0, or -1 when the file is refused (diags say why). Release *out
 * with paper_rows_release() in both cases. */
int paper_csv_parse(const char *file, const char *data, size_t len, struct paper_rows *out,
		    struct diag_list *diags);
/* The same for a file on disk. */
int paper_csv_read_file(const char *path, struct paper_rows *out, struct diag_list *diags);
void paper_rows_release(struct paper_rows *rows);

/* What one imported row gave. */
struct paper_entered {
	char *code;        /* owned */
	char *employee_no; /* owned; NULL for an anonymous sheet */
	char *course_slug; /* owned */
	struct paper_result result;
};

struct paper_import_result {
	struct paper_entered *sheets; /* owned, n entries in file order */
	size_t n;
};

/*
 * Enters every row in one BEGIN IMMEDIATE transaction. Any problem (an
 * unknown, mistyped or already entered sheet, the same sheet twice, a wrong
 * key, too many or too few answers) is added to diags with its line and
 * column, every row is checked, and then nothing is written. Returns 0 with
 * *res filled, -1 when diags hold errors or *cause is set (store error).
 */
int paper_import(struct store *store, const struct paper_rows *rows, struct diag_list *diags,
		 struct paper_import_result *res, char **cause);
void paper_import_result_release(struct paper_import_result *res);

#include "banned.h"

#endif
