/*
 * The security-culture survey: Likert questionnaires in the structure of
 * HAIS-Q (focus area x knowledge/attitude/behaviour, some items worded
 * negatively and reverse-scored), written in content/surveys/NAME.md (format:
 * content/surveys/README.md), built into the store, taken at the kiosk once
 * per round, and reported per unit and dimension.
 *
 * Anonymity. A survey answer is never stored with the person, the day or
 * the time. survey_submit() writes, in one BEGIN IMMEDIATE transaction:
 *  - a row in survey_participation (round, person) and nothing else, so no
 *    one answers twice in a round;
 *  - a sheet (survey_sheet) with a random 63-bit id, the round and the unit
 *    it counts for, and its answers (survey_answer: sheet, item, value).
 * Nothing joins a participation to a sheet, and since sheet ids are random
 * neither ids nor the order of rows in the file follow the order in which
 * people answered.
 *
 * The unit a sheet counts for is the smallest unit at or above the person's
 * unit whose subtree has at least k active people (the setting small_group)
 * AND, counting this person, at least k people who took part in the round;
 * else the whole organisation (no unit). The second condition is stricter
 * than head count alone: otherwise the only participant of a unit of five
 * could be linked to the only sheet stored there. With it, whoever reads the
 * database can only narrow a sheet down to at least k participants.
 *
 * What remains: until SQLite checkpoints its write-ahead log, the log holds
 * the pages of each commit in order, so survey_submit() asks for a
 * checkpoint afterwards; and answers in very small organisations (fewer
 * than k participants in all) are as identifiable as the organisation is
 * small.
 */
#ifndef VAKSAM_SURVEY_H
#define VAKSAM_SURVEY_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "measure.h"

struct store;

#define SURVEY_SCALE_POINTS 5

/* Focus areas (HAIS-Q's, narrowed to the municipality's plan). */
enum survey_area {
	SURVEY_AREA_PASSWORDS,
	SURVEY_AREA_EMAIL,
	SURVEY_AREA_INFORMATION,
	SURVEY_AREA_MOBILE,
	SURVEY_AREA_INCIDENTS,
	SURVEY_AREA_COUNT
};

enum survey_dimension {
	SURVEY_KNOWLEDGE,
	SURVEY_ATTITUDE,
	SURVEY_BEHAVIOUR,
	SURVEY_DIMENSION_COUNT
};

/* "passwords", "email", "information", "mobile", "incidents". */
const char *survey_area_key(enum survey_area a);
/* "Lösenord", "E-post och länkar", ... */
const char *survey_area_name_sv(enum survey_area a);
/* "knowledge", "attitude", "behaviour". */
const char *survey_dimension_key(enum survey_dimension d);
/* "Kunskap", "Attityd", "Beteende". */
const char *survey_dimension_name_sv(enum survey_dimension d);
int survey_area_parse(const char *text, enum survey_area *out);
int survey_dimension_parse(const char *text, enum survey_dimension *out);

/* The score of an answer (1..5) after reverse scoring: 6 - value for a
 * reverse-scored item. */
int survey_score(int value, bool reverse);

/* ------------------------------------------------------------------ */
/* Files                                                              */

struct survey_def_item {
	char *name; /* owned: the item's stable id */
	enum survey_area area;
	enum survey_dimension dimension;
	bool reverse;
	char *text; /* owned */
	int line;   /* where the item starts */
};

struct survey_def {
	char *file;     /* owned: the path read */
	char *slug;     /* owned: id */
	char *title;    /* owned */
	char *language; /* owned: "sv" or "en" */
	int version;
	char *scale[SURVEY_SCALE_POINTS]; /* owned labels, 1 (disagree) .. 5 (agree) */
	char *intro;                      /* owned: the text before the first item ("" when none) */
	struct survey_def_item *items;    /* owned */
	size_t n_items;
};

/*
 * Reads a survey file (text of len bytes; file names it in diagnostics)
 * into *out. Every problem is added to diags as FILE:LINE:COL. Returns 0
 * when there was no error (warnings allowed), -1 otherwise; release *out
 * with survey_def_release() in both cases.
 */
int survey_parse(const char *file, const char *text, size_t len, struct survey_def *out,
		 struct diag_list *diags);
/* The same for a path on disk. */
int survey_read_file(const char *path, struct survey_def *out, struct diag_list *diags);
void survey_def_release(struct survey_def *def);
/* Reads every *.md but README.md in dir (sorted by name) into a new array
 * (free with survey_defs_free). Returns 0 when no file had an error. */
int survey_read_dir(const char *dir, struct survey_def **out, size_t *n, struct diag_list *diags);
void survey_defs_free(struct survey_def **defs, size_t n);

/*
 * Builds surveys into the store in one BEGIN IMMEDIATE transaction:
 * creates or updates each survey and its items (by id), and retires items no
 * longer in the file. An item that already has answers may not change its
 * area, dimension or reverse flag (old answers would change meaning): give
 * it a new id instead; that is an error naming the file and line. Returns 0,
 * or -1 with *cause (nothing written).
 */
int survey_build(struct store *store, const struct survey_def *defs, size_t n, char **cause);

/* ------------------------------------------------------------------ */
/* Rounds                                                             */

struct survey_round {
	long long id;
	char *name;        /* owned */
	char *survey;      /* owned: survey slug */
	char *title;       /* owned: survey title */
	int opens, closes; /* days, inclusive */
	long participants; /* people who took part */
	long sheets;       /* sheets stored */
};

/* Opens a round of survey (slug) named name from day opens to day closes.
 * Returns 0, 1 when the survey does not exist or the name is taken (*cause
 * says which), -1 on a store error. */
int survey_round_open(struct store *store, const char *survey, const char *name, int opens,
		      int closes, char **cause);
/* Sets the closing day of a round (to close it early: today - 1). */
int survey_round_close(struct store *store, const char *name, int closes, char **cause);
/* Every round, oldest first (new array; free with survey_rounds_free). */
int survey_rounds(struct store *store, struct survey_round **out, size_t *n, char **cause);
void survey_rounds_free(struct survey_round **rounds, size_t n);

/* ------------------------------------------------------------------ */
/* Taking a survey at the kiosk                                       */

struct survey_form_item {
	long long id; /* survey_item.id: pass back to survey_submit */
	char *text;   /* owned */
	enum survey_area area;
	enum survey_dimension dimension;
	bool reverse; /* not to be shown: the scale is the same for every item */
};

struct survey_form {
	long long round_id;
	char *round_name;                 /* owned */
	char *title;                      /* owned */
	char *intro;                      /* owned */
	char *scale[SURVEY_SCALE_POINTS]; /* owned labels for 1..5 */
	struct survey_form_item *items;   /* owned, in survey order */
	size_t n_items;
};

/*
 * The survey person_id should be offered on day today: an open round
 * (opens <= today <= closes; the one closing first if several) the person
 * has not taken part in. Returns 1 and fills *out (release with
 * survey_form_release), 0 when there is none, -1 with *cause.
 */
int survey_pending(struct store *store, long long person_id, int today, struct survey_form *out,
		   char **cause);
void survey_form_release(struct survey_form *form);

/*
 * Stores one person's answers to the round: values[i] (1..5, or 0 for an
 * item left unanswered) for item_ids[i]. One BEGIN IMMEDIATE transaction
 * (see the anonymity rules above). Returns 0 when stored, 1 when the person
 * already took part, the round is not open today, or an item is not in the
 * round's survey (*cause says which; nothing stored), -1 on a store error.
 * A sheet with every value 0 records the participation only.
 */
int survey_submit(struct store *store, long long round_id, long long person_id,
		  const long long *item_ids, const int *values, size_t n, char **cause);

/* For the generator and tests, inside the caller's transaction: stores a
 * sheet with the given id for unit_id (0: organisation). No participation. */
int survey_store_sheet(struct store *store, long long sheet_id, long long round_id,
		       long long unit_id, const long long *item_ids, const int *values, size_t n,
		       char **cause);
/* Records that person took part in round (caller's transaction). */
int survey_store_participation(struct store *store, long long round_id, long long person_id,
			       char **cause);
/* The unit a sheet of person_id counts for in round (see above), counting
 * the person as a participant; 0 for the organisation. */
int survey_sheet_unit(struct store *store, long long round_id, long long person_id, long k,
		      long long *unit_id, char **cause);

/* ------------------------------------------------------------------ */
/* Results                                                            */

/* Scales reported: everything, each dimension, each focus area. */
#define SURVEY_N_SCALES (1 + SURVEY_DIMENSION_COUNT + SURVEY_AREA_COUNT)

/* The English key of scale s ("all", "knowledge", ..., "passwords", ...)
 * and its Swedish name. */
const char *survey_scale_key(size_t s);
const char *survey_scale_name_sv(size_t s);

struct survey_cell {
	long n;            /* sheets behind the figure */
	double mean;       /* mean of the sheets' scale scores, 1..5 (NAN when n 0) */
	double favourable; /* percent of the answers that score 4 or 5 */
	enum suppress_state state;
};

struct survey_item_result {
	long long id;
	char *name; /* owned */
	char *text; /* owned */
	enum survey_area area;
	enum survey_dimension dimension;
	bool reverse;
	struct survey_cell cell; /* the scope's figure */
};

struct survey_results {
	struct survey_round round; /* owned strings */
	bool has_prev;
	struct survey_round prev;   /* the round before it, same survey */
	struct measure_unit *units; /* owned rows of the scope */
	size_t n_units;
	struct survey_cell *cells;        /* n_units x SURVEY_N_SCALES */
	struct survey_cell *prev_cells;   /* the same for prev (when has_prev) */
	struct survey_item_result *items; /* owned, n_items, the scope's figures */
	size_t n_items;
	double alpha;      /* Cronbach's alpha of the whole survey over complete sheets */
	long alpha_n;      /* complete sheets behind alpha */
	long active;       /* active people in scope when computed */
	long participants; /* people in scope who took part */
};

/*
 * Results of a round (its name, or NULL for the latest round that has
 * sheets) for scope_unit (0: organisation), with threshold k: per unit and
 * scale, the mean score over the sheets stored at the unit or below, and the
 * share of favourable answers; suppressed over the unit tree with the
 * sheets as the people behind each figure. Returns 0, 1 when there is no
 * such round (or no round at all), -1 with *cause.
 */
int survey_results(struct store *store, long long scope_unit, const char *round, long k,
		   struct survey_results *out, char **cause);
void survey_results_release(struct survey_results *r);

#include "banned.h"

#endif
