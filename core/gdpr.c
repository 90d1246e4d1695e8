/*
 * GDPR tools: the export queries of the personal tables, the schema check,
 * the register extract, erasure and retention. The texts of the registry
 * live in gdpr_registry.c; see gdpr.h for what each function promises.
 */
#include "gdpr.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "collate.h"
#include "login.h"
#include "sanitize.h"
#include "setting.h"
#include "store_internal.h"
#include "strbuf.h"
#include "xmalloc.h"

/*
 * What a person's register extract shows of each personal table: ?1 is the
 * person's id; each column's alias is a label key (gdpr_registry.c). Never a
 * hash or secret: only whether one exists and when it was set.
 */
static const struct {
	const char *table;
	const char *sql;
} exports[] = {
	{ "person",
	  "SELECT p.employee_no AS employee_no, p.name AS name, u.path AS unit, p.role AS role,"
	  " CASE WHEN p.active THEN 'yes' ELSE 'no' END AS active, p.created AS created,"
	  " p.last_seen AS last_seen, p.left_at AS left_at"
	  " FROM person p LEFT JOIN unit u ON u.id = p.unit_id WHERE p.id = ?1" },
	{ "credential",
	  "SELECT CASE WHEN pin_hash IS NULL THEN 'no' ELSE 'yes' END AS pin, pin_set AS pin_set,"
	  " CASE WHEN badge_hash IS NULL THEN 'no' ELSE 'yes' END AS badge,"
	  " badge_issued AS badge_issued,"
	  " CASE WHEN activation_hash IS NULL THEN 'no' ELSE 'yes' END AS activation,"
	  " activation_expires AS activation_expires FROM credential WHERE person_id = ?1" },
	{ "totp", "SELECT enrolled AS enrolled FROM totp WHERE person_id = ?1" },
	{ "login_lock",
	  "SELECT via AS via, failures AS failures, locks AS locks, locked_until AS locked_until,"
	  " updated AS updated FROM login_lock WHERE person_id = ?1 ORDER BY via" },
	{ "coordinator_scope",
	  "SELECT u.path AS unit, s.granted AS granted FROM coordinator_scope s"
	  " JOIN unit u ON u.id = s.unit_id WHERE s.person_id = ?1 ORDER BY u.path" },
	{ "lesson_progress",
	  "SELECT c.title AS course, lp.page_no AS page, lp.pages_seen AS pages_seen,"
	  " lp.updated AS updated FROM lesson_progress lp JOIN course c ON c.id = lp.course_id"
	  " WHERE lp.person_id = ?1 ORDER BY c.title" },
	{ "assignment",
	  "SELECT c.title AS course, a.due AS due, a.assigned AS assigned FROM assignment a"
	  " JOIN course c ON c.id = a.course_id WHERE a.person_id = ?1 ORDER BY a.due" },
	/* The text typed but not sent in an unfinished attempt is kept in its
	 * plan (attempt_save_place: key "draft"); it is the person's own words. */
	{ "attempt",
	  "SELECT a.id AS attempt, c.title AS course, a.course_version AS course_version,"
	  " a.kind AS kind, a.source AS source, a.started AS started, a.finished AS finished,"
	  " round(a.score, 1) AS score,"
	  " CASE a.passed WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END AS passed,"
	  " CASE WHEN json_valid(a.plan) THEN json_extract(a.plan, '$.draft') END AS draft"
	  " FROM attempt a JOIN course c ON c.id = a.course_id WHERE a.person_id = ?1"
	  " ORDER BY a.started, a.id" },
	{ "response",
	  "SELECT r.attempt_id AS attempt, q.name AS question, qv.version AS question_version,"
	  " r.answer AS answer, r.mark AS mark, r.answered AS answered FROM response r"
	  " JOIN attempt a ON a.id = r.attempt_id"
	  " JOIN question_version qv ON qv.id = r.question_version_id"
	  " JOIN question q ON q.id = qv.question_id WHERE a.person_id = ?1"
	  " ORDER BY r.attempt_id, r.position" },
	{ "completion",
	  "SELECT c.title AS course, cp.passed_at AS passed_at, round(cp.score, 1) AS score"
	  " FROM completion cp JOIN course c ON c.id = cp.course_id WHERE cp.person_id = ?1"
	  " ORDER BY cp.passed_at" },
	{ "paper_sheet",
	  "SELECT ps.code AS sheet_code, c.title AS course, ps.course_version AS course_version,"
	  " ps.printed AS printed, ps.entered AS entered FROM paper_sheet ps"
	  " JOIN course c ON c.id = ps.course_id WHERE ps.person_id = ?1 ORDER BY ps.printed" },
	{ "certificate",
	  "SELECT code AS certificate_code, kind AS kind, issued AS issued FROM certificate"
	  " WHERE person_id = ?1 ORDER BY issued" },
	{ "certificate_course",
	  "SELECT ce.code AS certificate_code, cc.title AS title, cc.passed_at AS passed_at,"
	  " round(cc.score, 1) AS score FROM certificate_course cc"
	  " JOIN certificate ce ON ce.id = cc.certificate_id WHERE ce.person_id = ?1"
	  " ORDER BY ce.issued, cc.position" },
	{ "survey_participation",
	  "SELECT r.name AS round FROM survey_participation sp"
	  " JOIN survey_round r ON r.id = sp.round_id WHERE sp.person_id = ?1 ORDER BY r.opens" },
	{ "audit",
	  "SELECT at AS at, action AS action,"
	  " CASE WHEN actor_id = ?1 AND object_id = ?1 THEN 'actor+object'"
	  "  WHEN actor_id = ?1 THEN 'actor' ELSE 'object' END AS you_are,"
	  " origin AS origin, detail AS detail FROM audit"
	  " WHERE actor_id = ?1 OR object_id = ?1 ORDER BY id" },
};

#define N_EXPORTS (sizeof(exports) / sizeof(exports[0]))

static const char *export_sql(const char *table)
{
	for (size_t i = 0; i < N_EXPORTS; i++)
		if (strcmp(exports[i].table, table) == 0)
			return exports[i].sql;
	return NULL;
}

static const struct gdpr_table_info *registry_find(const char *table)
{
	size_t n;
	const struct gdpr_table_info *reg = gdpr_registry("en", &n);

	for (size_t i = 0; i < n; i++)
		if (strcmp(reg[i].table, table) == 0)
			return &reg[i];
	return NULL;
}

/* ---- schema check ------------------------------------------------------ */

struct table_facts {
	char *name;
	bool names_person; /* a person_id/actor_id/object_id column or a key to person */
	char **refs;       /* tables its foreign keys point at */
	size_t n_refs;
	bool personal;     /* worked out: refers to a person, directly or not */
};

static void facts_free(struct table_facts *t, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(t[i].name);
		for (size_t j = 0; j < t[i].n_refs; j++)
			free(t[i].refs[j]);
		free(t[i].refs);
	}
	free(t);
}

/* Reads every table with its person columns and foreign keys. */
static int facts_read(struct store *store, struct table_facts **out, size_t *n, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "SELECT name FROM sqlite_master WHERE type = 'table'"
				      " AND name NOT LIKE 'sqlite_%' ORDER BY name",
				      cause);
	struct table_facts *t = NULL;
	size_t count = 0, alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count == alloc) {
			alloc = alloc ? alloc * 2 : 32;
			t = xreallocarray(t, alloc, sizeof(*t));
		}
		memset(&t[count], 0, sizeof(t[count]));
		t[count++].name = store_column_text(st, 0);
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		facts_free(t, count);
		return store_fail(store, cause, "reading the schema");
	}
	for (size_t i = 0; i < count; i++) {
		st = store_stmt(store,
				"SELECT count(*) FROM pragma_table_info(?1)"
				" WHERE name IN ('person_id', 'actor_id', 'object_id')",
				cause);
		if (st == NULL)
			goto fail;
		store_bind_text(st, 1, t[i].name);
		rc = sqlite3_step(st);
		t[i].names_person = rc == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;
		store_done(st);
		if (rc != SQLITE_ROW) {
			store_fail(store, cause, "reading the schema");
			goto fail;
		}
		st = store_stmt(store, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?1)",
				cause);
		if (st == NULL)
			goto fail;
		store_bind_text(st, 1, t[i].name);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			char *ref = store_column_text(st, 0);

			if (ref && strcmp(ref, "person") == 0)
				t[i].names_person = true;
			t[i].refs = xreallocarray(t[i].refs, t[i].n_refs + 1, sizeof(*t[i].refs));
			t[i].refs[t[i].n_refs++] = ref ? ref : xstrdup("");
		}
		store_done(st);
		if (rc != SQLITE_DONE) {
			store_fail(store, cause, "reading the schema");
			goto fail;
		}
	}
	*out = t;
	*n = count;
	return 0;
fail:
	facts_free(t, count);
	return -1;
}

int gdpr_schema_check(struct store *store, char **problems, char **cause)
{
	struct table_facts *t = NULL;
	struct strbuf out = STRBUF_INIT;
	size_t n = 0;
	bool changed = true;

	*problems = NULL;
	if (facts_read(store, &t, &n, cause) < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		t[i].personal = t[i].names_person;
	/* A table that points at a personal table is personal too. */
	while (changed) {
		changed = false;
		for (size_t i = 0; i < n; i++) {
			for (size_t j = 0; j < t[i].n_refs && !t[i].personal; j++) {
				for (size_t k = 0; k < n; k++) {
					if (t[k].personal && strcmp(t[k].name, t[i].refs[j]) == 0) {
						t[i].personal = true;
						changed = true;
						break;
					}
				}
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct gdpr_table_info *info = registry_find(t[i].name);
		const char *sql = export_sql(t[i].name);

		if (info == NULL) {
			strbuf_addf(&out, "table %s is not in the GDPR registry (core/gdpr_registry.c): "
					  "say whether it holds personal data\n",
				    t[i].name);
			continue;
		}
		if (t[i].personal && !info->personal)
			strbuf_addf(&out, "table %s refers to people but the registry calls it not "
					  "personal\n",
				    t[i].name);
		if ((t[i].personal || info->personal) && sql == NULL)
			strbuf_addf(&out, "table %s holds personal data but is missing from the "
					  "register extract (exports[] in core/gdpr.c)\n",
				    t[i].name);
		if (sql) {
			char *err = NULL;
			sqlite3_stmt *st = store_stmt(store, sql, &err);

			if (st == NULL) {
				strbuf_addf(&out, "the export query of table %s fails: %s\n",
					    t[i].name, err);
				free(err);
			}
			store_done(st);
		}
	}
	facts_free(t, n);
	if (out.len)
		*problems = strbuf_detach(&out);
	return 0;
}

/* ---- the register extract --------------------------------------------- */

static void section_release(struct gdpr_section *s)
{
	for (size_t i = 0; i < s->n_columns; i++)
		free(s->columns[i]);
	free(s->columns);
	for (size_t i = 0; i < s->n_rows * s->n_columns; i++)
		free(s->cells[i]);
	free(s->cells);
	free(s->numeric);
	memset(s, 0, sizeof(*s));
}

void gdpr_extract_release(struct gdpr_extract *x)
{
	person_release(&x->person);
	free(x->generated);
	free(x->organisation);
	free(x->dpo_email);
	for (size_t i = 0; i < x->n_sections; i++)
		section_release(&x->sections[i]);
	free(x->sections);
	memset(x, 0, sizeof(*x));
}

/* Whether column c of an export query is one of its yes/no columns. */
static bool yes_no_column(sqlite3_stmt *st, int c)
{
	static const char *const keys[] = { "active", "pin", "badge", "activation", "passed" };
	const char *name = sqlite3_column_name(st, c);

	for (size_t i = 0; name && i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(name, keys[i]) == 0)
			return true;
	return false;
}

static int section_read(struct store *store, long long person_id, const char *lang,
			const char *sql, struct gdpr_section *s, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, sql, cause);
	size_t alloc = 0;
	int rc;

	if (st == NULL)
		return -1;
	s->n_columns = (size_t)sqlite3_column_count(st);
	s->columns = xcalloc(s->n_columns ? s->n_columns : 1, sizeof(*s->columns));
	for (size_t i = 0; i < s->n_columns; i++)
		s->columns[i] = xstrdup(gdpr_label(sqlite3_column_name(st, (int)i), lang));
	sqlite3_bind_int64(st, 1, person_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (s->n_rows == alloc) {
			alloc = alloc ? alloc * 2 : 8;
			s->cells = xreallocarray(s->cells, alloc * s->n_columns, sizeof(*s->cells));
			s->numeric = xreallocarray(s->numeric, alloc * s->n_columns,
						   sizeof(*s->numeric));
		}
		for (size_t c = 0; c < s->n_columns; c++) {
			int type = sqlite3_column_type(st, (int)c);
			char *cell = store_column_text(st, (int)c);

			/* The yes/no columns the export queries make, in the reader's
			 * language. */
			if (cell && strcmp(lang, "sv") == 0 && yes_no_column(st, (int)c)) {
				bool yes = strcmp(cell, "yes") == 0;

				free(cell);
				cell = xstrdup(yes ? "ja" : "nej");
			}
			s->cells[s->n_rows * s->n_columns + c] = cell;
			s->numeric[s->n_rows * s->n_columns + c] =
				type == SQLITE_INTEGER || type == SQLITE_FLOAT;
		}
		s->n_rows++;
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading personal data");
	return 0;
}

int gdpr_extract(struct store *store, long long person_id, const char *lang,
		 struct gdpr_extract *out, char **cause)
{
	const struct gdpr_table_info *reg;
	size_t n;
	int found;

	memset(out, 0, sizeof(*out));
	out->lang = lang && strcmp(lang, "en") == 0 ? "en" : "sv";
	found = person_get(store, person_id, &out->person, cause);
	if (found <= 0) {
		if (found == 0)
			*cause = xstrdup("no such person");
		return -1;
	}
	out->generated = store_now();
	{
		char *err = NULL;

		/* Unset settings are simply left out of the extract. */
		out->organisation = setting_get(store, "organisation", &err);
		free(err);
		err = NULL;
		out->dpo_email = setting_get(store, "dpo_email", &err);
		free(err);
	}
	reg = gdpr_registry(out->lang, &n);
	out->sections = xcalloc(n, sizeof(*out->sections));
	for (size_t i = 0; i < n; i++) {
		const char *sql = reg[i].personal ? export_sql(reg[i].table) : NULL;
		struct gdpr_section *s = &out->sections[out->n_sections];

		if (sql == NULL)
			continue;
		s->info = &reg[i];
		out->n_sections++;
		if (section_read(store, person_id, out->lang, sql, s, cause) < 0)
			return -1;
	}
	return 0;
}

/* ---- erase ------------------------------------------------------------- */

/* Whether folded text holds word as a whole word (bytes >= 0x80 count as
 * letters, so å ä ö do not end a word). */
static bool has_word(const char *text, const char *word)
{
	size_t wl = strlen(word);

	if (wl == 0)
		return false;
	for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
		unsigned char before = p == text ? ' ' : (unsigned char)p[-1];
		unsigned char after = (unsigned char)p[wl];

		if (!isalnum(before) && before < 0x80 && !isalnum(after) && after < 0x80)
			return true;
	}
	return false;
}

/* Whether reason names the person: the employee number as a word, the full
 * name, or any part of the name of two letters or more as a word, in any
 * case. In doubt it says yes: the admin rephrases. */
static bool reason_names(const char *reason, const struct person *p)
{
	char *r = collate_fold(reason), *name = collate_fold(p->name);
	char *number = collate_fold(p->employee_no);
	bool named = has_word(r, number) || strstr(r, name) != NULL;

	for (char *part = name; !named && *part;) {
		size_t len = strcspn(part, " -'");

		if (len >= 2) {
			char *word = xstrndup(part, len);

			named = has_word(r, word);
			free(word);
		}
		part += len;
		part += strspn(part, " -'");
	}
	free(r);
	free(name);
	free(number);
	return named;
}

/* Runs one statement with ?1 bound to id; adds its changes to *changed. */
static int run_id(struct store *store, const char *sql, long long id, long long *changed,
		  char **cause)
{
	sqlite3_stmt *st = store_stmt(store, sql, cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "erasing");
	if (changed)
		*changed += sqlite3_changes(store->db);
	return 0;
}

int gdpr_erase(struct store *store, long long person_id, const char *reason, long long actor_id,
	       struct gdpr_erase_counts *counts, char **cause)
{
	struct person p;
	char *clean_reason = NULL;
	int found, rc = -1, log = 0, done = 0;

	memset(counts, 0, sizeof(*counts));
	memset(&p, 0, sizeof(p));
	if (reason == NULL || *reason == '\0') {
		*cause = xstrdup("an erase needs a reason (it is kept in the audit log)");
		return -1;
	}
	if (store_begin(store, cause) < 0)
		return -1;
	found = person_get(store, person_id, &p, cause);
	if (found <= 0) {
		if (found == 0)
			*cause = xstrdup("no such person");
		goto rollback;
	}
	if (reason_names(reason, &p)) {
		*cause = xstrdup("the reason names the person (their name or employee number); the "
				 "audit log keeps the reason, so describe the case without naming them");
		goto rollback;
	}
	clean_reason = sanitize_text(reason, 0);
	/* Unfinished attempts are no statistic: they go, with their answers. */
	if (run_id(store, "DELETE FROM attempt WHERE person_id = ?1 AND finished IS NULL",
		   person_id, &counts->attempts_removed, cause) < 0)
		goto rollback;
	/* Finished ones stay for the unit, without the person: free text
	 * emptied (it may name anyone), times cut to the day. */
	if (run_id(store,
		   "UPDATE response SET answer = '{\"text\":\"\"}' WHERE attempt_id IN"
		   " (SELECT id FROM attempt WHERE person_id = ?1) AND CASE WHEN json_valid(answer)"
		   " THEN json_type(answer, '$.text') END IS NOT NULL",
		   person_id, &counts->answers_cleared, cause) < 0 ||
	    run_id(store,
		   "UPDATE response SET answered = substr(answered, 1, 10) || 'T00:00:00Z'"
		   " WHERE attempt_id IN (SELECT id FROM attempt WHERE person_id = ?1)",
		   person_id, NULL, cause) < 0 ||
	    run_id(store,
		   "UPDATE attempt SET person_id = NULL,"
		   " unit_id = IFNULL(unit_id, (SELECT unit_id FROM person WHERE id = ?1)),"
		   " started = substr(started, 1, 10) || 'T00:00:00Z',"
		   " finished = substr(finished, 1, 10) || 'T00:00:00Z' WHERE person_id = ?1",
		   person_id, &counts->attempts_anonymised, cause) < 0 ||
	    run_id(store, "DELETE FROM completion WHERE person_id = ?1", person_id,
		   &counts->completions_removed, cause) < 0 ||
	    run_id(store, "DELETE FROM certificate WHERE person_id = ?1", person_id,
		   &counts->certificates_removed, cause) < 0 ||
	    login_forget(store, person_id, cause) < 0 ||
	    run_id(store, "DELETE FROM person WHERE id = ?1", person_id, NULL, cause) < 0)
		goto rollback;
	if (audit_recordf(store, actor_id, AUDIT_GDPR_ERASE, person_id, cause,
			  "reason: %s; attempts kept anonymously %lld", clean_reason,
			  counts->attempts_anonymised) < 0 ||
	    store_commit(store, cause) < 0)
		goto rollback;
	/* The WAL still holds the old pages until a checkpoint copies the new
	 * ones into the database and empties it. */
	counts->wal_truncated = sqlite3_wal_checkpoint_v2(store->db, NULL,
							  SQLITE_CHECKPOINT_TRUNCATE, &log,
							  &done) == SQLITE_OK;
	rc = 0;
	goto cleanup;
rollback:
	store_rollback(store);
cleanup:
	free(clean_reason);
	person_release(&p);
	return rc;
}

/* ---- purge -------------------------------------------------------------- */

/* Runs a count or a delete with ?1 = cutoff and ?2 = now; *n gets the
 * count (first column) or the number of rows changed. */
static int run_cutoff(struct store *store, const char *sql, const char *cutoff, const char *now,
		      long long *n, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, sql, cause);
	int rc;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, cutoff);
	store_bind_text(st, 2, now);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*n = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		*n = sqlite3_changes(store->db);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "purging");
	return 0;
}

#define OLD_ATTEMPTS "SELECT id FROM attempt WHERE IFNULL(finished, started) < ?1"
#define OLD_COUNTERS "updated < ?1 AND (locked_until IS NULL OR locked_until <= ?2)"

int gdpr_purge(struct store *store, const char *cutoff, bool keep_completions, bool dry_run,
	       long long actor_id, struct gdpr_purge_counts *c, char **cause)
{
	long long old_completions = 0, ignored = 0;
	char *now = store_now();
	int rc = -1;

	memset(c, 0, sizeof(*c));
	if (store_begin(store, cause) < 0)
		goto cleanup;
	if (run_cutoff(store,
		       "SELECT count(*) FROM response WHERE attempt_id IN (" OLD_ATTEMPTS ")",
		       cutoff, now, &c->responses, cause) < 0 ||
	    run_cutoff(store, "SELECT count(*) FROM lesson_progress WHERE updated < ?1", cutoff,
		       now, &c->lesson_positions, cause) < 0 ||
	    run_cutoff(store, "SELECT count(*) FROM login_lock WHERE " OLD_COUNTERS, cutoff, now,
		       &c->login_counters, cause) < 0 ||
	    run_cutoff(store, "SELECT count(*) FROM completion WHERE passed_at < ?1", cutoff, now,
		       &old_completions, cause) < 0 ||
	    audit_purge_before(store, cutoff, actor_id, true, &c->audit_entries, cause) < 0)
		goto rollback;
	if (keep_completions)
		c->completions_kept = old_completions;
	else
		c->completions_removed = old_completions;
	if (dry_run) {
		store_rollback(store);
		rc = 0;
		goto cleanup;
	}
	if (run_cutoff(store, "DELETE FROM response WHERE attempt_id IN (" OLD_ATTEMPTS ")",
		       cutoff, now, &ignored, cause) < 0 ||
	    run_cutoff(store, "DELETE FROM lesson_progress WHERE updated < ?1", cutoff, now,
		       &ignored, cause) < 0 ||
	    /* An unsent essay draft is an answer too: it goes with the responses. */
	    run_cutoff(store,
		       "UPDATE attempt SET plan = json_remove(plan, '$.draft') WHERE id IN ("
		       OLD_ATTEMPTS ") AND CASE WHEN json_valid(plan) THEN"
		       " json_extract(plan, '$.draft') END IS NOT NULL",
		       cutoff, now, &ignored, cause) < 0 ||
	    run_cutoff(store, "DELETE FROM login_lock WHERE " OLD_COUNTERS, cutoff, now, &ignored,
		       cause) < 0 ||
	    (!keep_completions &&
	     run_cutoff(store, "DELETE FROM completion WHERE passed_at < ?1", cutoff, now,
			&ignored, cause) < 0) ||
	    audit_purge_before(store, cutoff, actor_id, false, &ignored, cause) < 0 ||
	    audit_recordf(store, actor_id, AUDIT_GDPR_PURGE, 0, cause,
			  "before %s: responses %lld, audit entries %lld, lesson positions %lld,"
			  " login counters %lld, completions removed %lld, kept %lld",
			  cutoff, c->responses, c->audit_entries, c->lesson_positions,
			  c->login_counters, c->completions_removed, c->completions_kept) < 0 ||
	    store_commit(store, cause) < 0)
		goto rollback;
	rc = 0;
	goto cleanup;
rollback:
	store_rollback(store);
cleanup:
	free(now);
	return rc;
}

static int days_in_month(int year, int month0)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

	return month0 == 1 && leap ? 29 : days[month0];
}

char *gdpr_cutoff(const char *period, char **cause)
{
	time_t t = (time_t)store_time();
	struct tm tm;
	char *end;
	char buf[32];
	long n;

	n = strtol(period, &end, 10);
	if (end == period || n <= 0 || n > 1200 || end[0] == '\0' || end[1] != '\0' ||
	    strchr("dmy", end[0]) == NULL) {
		*cause = xasprintf("'%s' is not a period such as 36m, 3y or 90d", period);
		return NULL;
	}
	gmtime_r(&t, &tm);
	if (end[0] == 'd') {
		t -= (time_t)n * 86400;
		gmtime_r(&t, &tm);
	} else {
		long months = end[0] == 'y' ? n * 12 : n;
		long total = (long)tm.tm_year * 12 + tm.tm_mon - months;

		tm.tm_year = (int)(total / 12);
		tm.tm_mon = (int)(total % 12);
		if (tm.tm_mday > days_in_month(tm.tm_year + 1900, tm.tm_mon))
			tm.tm_mday = days_in_month(tm.tm_year + 1900, tm.tm_mon);
	}
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return xstrdup(buf);
}

bool gdpr_keep_completions(struct store *store)
{
	char *cause = NULL;
	char *v = setting_get(store, "keep_completions", &cause);
	bool keep = true;

	if (v && (strcmp(v, "no") == 0 || strcmp(v, "0") == 0 || strcmp(v, "false") == 0))
		keep = false;
	free(v);
	free(cause);
	return keep;
}
