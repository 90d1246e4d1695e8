/*
 * Data protection (GDPR): what vaksam holds on people, why, on what legal
 * basis and for how long; the register extract (art. 15), erasure (art. 17,
 * where the archive rules allow it) and retention (gallring).
 *
 * One registry (gdpr.c) classifies every table of the schema: personal
 * (with the query that exports a person's rows, its purpose, legal basis and
 * retention) or not personal (with the reason). The inventory, the export
 * and gdpr_schema_check() all read it, so a new table with personal data
 * that is not in the export makes gdpr_schema_check() fail (the unit test
 * test_security_gdpr runs it on a fresh database).
 *
 * Texts meant for the person or the municipality (titles, purposes, legal
 * bases, retention) exist in Swedish and English (lang "sv" or "en").
 */
#ifndef VAKSAM_GDPR_H
#define VAKSAM_GDPR_H

#include <stdbool.h>
#include <stddef.h>

#include "person.h"

struct store;

/* One kind of data in the inventory: a table of the schema. */
struct gdpr_table_info {
	const char *table;
	bool personal;
	const char *title;       /* what it is, for a reader */
	const char *data;        /* which personal data, or why it is not personal */
	const char *purpose;     /* NULL when not personal */
	const char *legal_basis; /* NULL when not personal */
	const char *retention;   /* NULL when not personal */
};

/* The registry in lang ("sv" or "en"); *n receives the number of entries.
 * The texts are static. */
const struct gdpr_table_info *gdpr_registry(const char *lang, size_t *n);

/* The readable label of an export column (its alias), in lang; the alias
 * itself when it has none. Static text. */
const char *gdpr_label(const char *key, const char *lang);

/*
 * Checks the database's schema against the registry: every table must be
 * classified, and every table that refers to a person (a column person_id,
 * actor_id or object_id, or a foreign key to person or to another personal
 * table) must be personal with an export query that runs. Returns 0 with
 * *problems NULL when all is well, 0 with *problems a newly allocated text
 * (one line per problem; caller frees) when not, -1 with *cause on error.
 */
int gdpr_schema_check(struct store *store, char **problems, char **cause);

/* One section of a register extract: a table's rows on the person. */
struct gdpr_section {
	const struct gdpr_table_info *info; /* static */
	char **columns;                     /* owned: n_columns labels */
	size_t n_columns;
	char **cells;                       /* owned: n_rows * n_columns, NULL for empty */
	bool *numeric;                      /* owned: per cell, a number (not text) */
	size_t n_rows;
};

/* Everything vaksam holds on one person. */
struct gdpr_extract {
	const char *lang;
	struct person person;           /* owned */
	char *generated;                /* owned: UTC time */
	char *organisation;             /* owned; may be NULL */
	char *dpo_email;                /* owned; may be NULL */
	struct gdpr_section *sections;  /* owned */
	size_t n_sections;
};

/*
 * Collects every row about person_id from every personal table, with
 * readable column labels. Secrets are never exported, only that they exist
 * and when they were set. Returns 0 or -1 with *cause; release *out with
 * gdpr_extract_release on every path.
 */
int gdpr_extract(struct store *store, long long person_id, const char *lang,
		 struct gdpr_extract *out, char **cause);
void gdpr_extract_release(struct gdpr_extract *x);

/* Fixed texts of the extract and the inventory, in lang. */
struct gdpr_texts {
	const char *title;       /* "Registerutdrag" */
	const char *intro;       /* what this is (art. 15) */
	const char *controller;  /* label: personuppgiftsansvarig */
	const char *dpo;         /* label: dataskyddsombud */
	const char *rights;      /* the person's rights, incl. complaining to IMY */
	const char *purpose, *legal_basis, *retention, *none;
	const char *person_label, *generated_label;
};
const struct gdpr_texts *gdpr_texts(const char *lang);

/* What an erase did. */
struct gdpr_erase_counts {
	long long attempts_anonymised; /* kept for unit statistics, without the person */
	long long attempts_removed;    /* unfinished ones */
	long long answers_cleared;     /* free-text answers emptied */
	long long completions_removed;
	long long certificates_removed;
	bool wal_truncated;            /* the WAL was checkpointed and emptied */
};

/*
 * Erases person_id: the person row and everything that names them go; their
 * finished attempts stay only as anonymous unit statistics (no person, the
 * unit they belonged to, times cut to the day, free-text answers emptied);
 * completions and certificates go; paper sheets lose the person. Refuses a
 * reason that holds the person's name or employee number (it is kept in
 * the audit log). One transaction, then a TRUNCATE checkpoint so the WAL no
 * longer holds the old pages (secure_delete is on, so the database file
 * does not either). actor_id 0 for the command line. Returns 0 (see
 * counts->wal_truncated: false when kiosks kept the WAL busy; the caller
 * must say so) or -1 with *cause.
 */
int gdpr_erase(struct store *store, long long person_id, const char *reason, long long actor_id,
	       struct gdpr_erase_counts *counts, char **cause);

/* What a purge removed (or would remove). */
struct gdpr_purge_counts {
	long long responses;
	long long audit_entries;
	long long lesson_positions;
	long long login_counters;
	long long completions_removed;
	long long completions_kept;  /* older than the cutoff, kept as proof of training */
};

/*
 * Retention: removes data older than cutoff ("YYYY-MM-DDTHH:MM:SSZ"):
 * responses of attempts finished (or, unfinished, started) before it, audit
 * entries before it (as one prefix, with an anchor entry; see audit.h),
 * lesson positions and login counters last changed before it (not while a
 * lock runs), and completions passed before it unless keep_completions.
 * Exact counts in *counts; with dry_run nothing changes. One transaction;
 * records gdpr.purge. Returns 0 or -1 with *cause.
 */
int gdpr_purge(struct store *store, const char *cutoff, bool keep_completions, bool dry_run,
	       long long actor_id, struct gdpr_purge_counts *counts, char **cause);

/*
 * Reads a retention period such as "36m", "3y" or "90d" and returns the
 * cutoff, that long before store_time(), as newly allocated UTC text (caller
 * frees), or NULL with *cause.
 */
char *gdpr_cutoff(const char *period, char **cause);

/* Whether completions are kept by a purge: the setting "keep_completions"
 * (yes/no, default yes). */
bool gdpr_keep_completions(struct store *store);

#include "banned.h"

#endif
