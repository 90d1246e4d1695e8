/*
 * Building the course catalog: the SQL that writes courses, pages, handouts,
 * topics and versioned questions (the read side is catalog_read.c); see
 * catalog.h for the contract.
 *
 * Idempotence rests on two hashes. A course's source_hash (BLAKE2b-128 of a
 * canonical serialisation of everything built from its folder, its position
 * included) decides whether the course is touched at all; a question
 * version's hash (of its JSON body) decides whether an edited question gets
 * a new version. Nothing is rewritten when both agree, so a second build of
 * the same files leaves the database byte-for-byte the same in `.dump`.
 */
#include "catalog.h"

#include <sodium.h>
#include <string.h>

#include "store_internal.h"
#include "strbuf.h"
#include "xmalloc.h"

#define HASH_BYTES 16

/* --- hashing ----------------------------------------------------------- */

/* Returns a newly allocated lower-case hex BLAKE2b-128 of len bytes. */
static char *hash_hex(const void *data, size_t len)
{
	unsigned char h[HASH_BYTES];
	char hex[2 * HASH_BYTES + 1];

	crypto_generichash(h, sizeof(h), data, len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return xstrdup(hex);
}

/* Length-prefixed, so that no two different inputs serialise alike. */
static void canon_str(struct strbuf *sb, const char *s)
{
	if (s == NULL) {
		strbuf_addstr(sb, "N;");
		return;
	}
	strbuf_addf(sb, "S%zu:", strlen(s));
	strbuf_addstr(sb, s);
}

static void canon_int(struct strbuf *sb, long long v)
{
	strbuf_addf(sb, "I%lld;", v);
}

/* The body stored for a question version: its JSON without the category. */
static char *question_body(const struct question *q)
{
	struct question copy = *q;

	copy.category = NULL;
	return question_to_json_string(&copy);
}

static char *course_hash(const struct catalog_build_course *c, int position)
{
	struct strbuf sb = STRBUF_INIT;
	char *h;

	canon_str(&sb, "vaksam-course-1");
	canon_str(&sb, c->slug);
	canon_str(&sb, c->title);
	canon_str(&sb, c->language);
	canon_str(&sb, c->translation_of);
	canon_str(&sb, c->audience);
	canon_str(&sb, c->feedback ? c->feedback : "each");
	canon_int(&sb, c->version);
	canon_int(&sb, c->pass_mark);
	canon_int(&sb, c->minutes);
	canon_int(&sb, c->pretest);
	canon_int(&sb, c->refresh_months);
	canon_int(&sb, c->due_days);
	canon_int(&sb, position);
	canon_int(&sb, (long long)c->n_topics);
	for (size_t i = 0; i < c->n_topics; i++)
		canon_str(&sb, c->topics[i]);
	canon_int(&sb, (long long)c->n_requires);
	for (size_t i = 0; i < c->n_requires; i++)
		canon_str(&sb, c->requires[i]);
	canon_int(&sb, (long long)c->n_pages);
	for (size_t i = 0; i < c->n_pages; i++) {
		canon_str(&sb, c->pages[i].title);
		canon_str(&sb, c->pages[i].body);
	}
	canon_str(&sb, c->handout);
	canon_int(&sb, (long long)c->n_questions);
	for (size_t i = 0; i < c->n_questions; i++) {
		char *json = question_to_json_string(&c->questions[i]);

		canon_str(&sb, json);
		free(json);
	}
	h = hash_hex(sb.buf, sb.len);
	strbuf_release(&sb);
	return h;
}

/* --- building ---------------------------------------------------------- */

static int step_done(struct store *store, sqlite3_stmt *st, const char *what, char **cause)
{
	int rc = sqlite3_step(st);

	store_done(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(store, cause, what);
	return 0;
}

static int bind_opt_int(sqlite3_stmt *st, int idx, int v)
{
	return v > 0 ? sqlite3_bind_int(st, idx, v) : sqlite3_bind_null(st, idx);
}

static int topics_write(struct store *store, const struct catalog_build_topic *topics, size_t n,
			char **cause)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_stmt *st = store_stmt(
			store,
			"INSERT INTO topic (slug, name_sv, name_en) VALUES (?1, ?2, ?3)"
			" ON CONFLICT (slug) DO UPDATE SET name_sv = excluded.name_sv,"
			" name_en = excluded.name_en"
			" WHERE name_sv IS NOT excluded.name_sv OR name_en IS NOT excluded.name_en",
			cause);

		if (st == NULL)
			return -1;
		store_bind_text(st, 1, topics[i].slug);
		store_bind_text(st, 2, topics[i].name_sv);
		store_bind_text(st, 3, topics[i].name_en);
		if (step_done(store, st, "writing topic", cause) < 0)
			return -1;
	}
	return 0;
}

/* Position of a course not in the build: what the store holds, else 0. */
static int stored_position(struct store *store, const char *slug, int *out, char **cause)
{
	sqlite3_stmt *st = store_stmt(store, "SELECT position FROM course WHERE slug = ?1", cause);
	int rc;

	*out = 0;
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, slug);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading course position");
	return 0;
}

/*
 * The order course i asks for (catalog_build(), catalog.h): its own, else
 * for a translation the order of the course it translates when that is in
 * the build, or that course's stored position when it is not; else 0.
 */
static int order_of(struct store *store, const struct catalog_build_course *courses, size_t n,
		    size_t i, int *out, char **cause)
{
	const char *original = courses[i].translation_of;

	*out = courses[i].order;
	if (*out > 0 || original == NULL)
		return 0;
	for (size_t j = 0; j < n; j++) {
		if (strcmp(courses[j].slug, original) == 0) {
			*out = courses[j].order;
			return 0;
		}
	}
	return stored_position(store, original, out, cause);
}

/*
 * Fills pos[i] for every course: the larger of its order (order_of()) and
 * 1 + the highest position it requires. state: 0 unvisited, 1 in progress
 * (a cycle, which check refuses, counts as 0), 2 done.
 */
static int position_of(struct store *store, const struct catalog_build_course *courses,
		       size_t n, size_t i, int *pos, int *state, char **cause)
{
	int best = -1, order;

	if (state[i] == 2)
		return 0;
	if (state[i] == 1) {
		pos[i] = 0;
		return 0;
	}
	state[i] = 1;
	for (size_t r = 0; r < courses[i].n_requires; r++) {
		const char *slug = courses[i].requires[r];
		size_t j;
		int p;

		for (j = 0; j < n; j++)
			if (strcmp(courses[j].slug, slug) == 0)
				break;
		if (j < n) {
			if (state[j] == 1)
				continue;
			if (position_of(store, courses, n, j, pos, state, cause) < 0)
				return -1;
			p = pos[j];
		} else if (stored_position(store, slug, &p, cause) < 0) {
			return -1;
		}
		if (p > best)
			best = p;
	}
	if (order_of(store, courses, n, i, &order, cause) < 0)
		return -1;
	pos[i] = order > best + 1 ? order : best + 1;
	state[i] = 2;
	return 0;
}

/* Looks a course up: 1 with *id and *hash (newly allocated, may be NULL),
 * 0 when it is not there. */
static int course_lookup(struct store *store, const char *slug, long long *id, char **hash,
			 char **cause)
{
	sqlite3_stmt *st = store_stmt(
		store, "SELECT id, source_hash, retired FROM course WHERE slug = ?1", cause);
	int rc, found = 0;

	*hash = NULL;
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, slug);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		/* A retired course is never "unchanged": building it brings it back. */
		if (sqlite3_column_int(st, 2) == 0)
			*hash = store_column_text(st, 1);
		found = 1;
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(store, cause, "reading course");
	return found;
}

static int course_upsert(struct store *store, const struct catalog_build_course *c, int position,
			 const char *hash, const char *now, long long *id, char **cause)
{
	sqlite3_stmt *st = store_stmt(
		store,
		"INSERT INTO course (slug, title, language, translation_of, audience, version,"
		" pass_mark, minutes, pretest, refresh_months, due_days, feedback, position,"
		" source_hash, retired, built)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0, ?15)"
		" ON CONFLICT (slug) DO UPDATE SET title = excluded.title,"
		" language = excluded.language, translation_of = excluded.translation_of,"
		" audience = excluded.audience, version = excluded.version,"
		" pass_mark = excluded.pass_mark, minutes = excluded.minutes,"
		" pretest = excluded.pretest, refresh_months = excluded.refresh_months,"
		" due_days = excluded.due_days, feedback = excluded.feedback,"
		" position = excluded.position, source_hash = excluded.source_hash,"
		" retired = 0, built = excluded.built",
		cause);
	char *old_hash = NULL;

	if (st == NULL)
		return -1;
	store_bind_text(st, 1, c->slug);
	store_bind_text(st, 2, c->title);
	store_bind_text(st, 3, c->language);
	store_bind_text(st, 4, c->translation_of);
	store_bind_text(st, 5, c->audience);
	sqlite3_bind_int(st, 6, c->version);
	sqlite3_bind_int(st, 7, c->pass_mark);
	sqlite3_bind_int(st, 8, c->minutes);
	sqlite3_bind_int(st, 9, c->pretest);
	bind_opt_int(st, 10, c->refresh_months);
	bind_opt_int(st, 11, c->due_days);
	store_bind_text(st, 12, c->feedback ? c->feedback : "each");
	sqlite3_bind_int(st, 13, position);
	store_bind_text(st, 14, hash);
	store_bind_text(st, 15, now);
	if (step_done(store, st, "writing course", cause) < 0)
		return -1;
	if (course_lookup(store, c->slug, id, &old_hash, cause) < 0)
		return -1;
	free(old_hash);
	return 0;
}

/* Replaces the course's topics, requirements, pages and handout. */
static int course_parts_write(struct store *store, long long id,
			      const struct catalog_build_course *c, char **cause)
{
	static const char *const clear[] = {
		"DELETE FROM course_topic WHERE course_id = ?1",
		"DELETE FROM course_require WHERE course_id = ?1",
		"DELETE FROM lesson_page WHERE course_id = ?1",
		"DELETE FROM handout WHERE course_id = ?1",
	};
	sqlite3_stmt *st;

	for (size_t i = 0; i < sizeof(clear) / sizeof(clear[0]); i++) {
		if ((st = store_stmt(store, clear[i], cause)) == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		if (step_done(store, st, "clearing course", cause) < 0)
			return -1;
	}
	for (size_t i = 0; i < c->n_topics; i++) {
		st = store_stmt(store, "INSERT INTO course_topic (course_id, topic) VALUES (?1, ?2)",
				cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		store_bind_text(st, 2, c->topics[i]);
		if (step_done(store, st, "writing course topic", cause) < 0)
			return -1;
	}
	for (size_t i = 0; i < c->n_requires; i++) {
		st = store_stmt(store,
				"INSERT INTO course_require (course_id, requires) VALUES (?1, ?2)",
				cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		store_bind_text(st, 2, c->requires[i]);
		if (step_done(store, st, "writing course requirement", cause) < 0)
			return -1;
	}
	for (size_t i = 0; i < c->n_pages; i++) {
		st = store_stmt(store,
				"INSERT INTO lesson_page (course_id, page_no, title, body)"
				" VALUES (?1, ?2, ?3, ?4)",
				cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int(st, 2, (int)i + 1);
		store_bind_text(st, 3, c->pages[i].title);
		store_bind_text(st, 4, c->pages[i].body);
		if (step_done(store, st, "writing lesson page", cause) < 0)
			return -1;
	}
	if (c->handout) {
		st = store_stmt(store, "INSERT INTO handout (course_id, body) VALUES (?1, ?2)", cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		store_bind_text(st, 2, c->handout);
		if (step_done(store, st, "writing handout", cause) < 0)
			return -1;
	}
	return 0;
}

static int version_insert(struct store *store, long long qid, int version, const struct question *q,
			  const char *body, const char *hash, const char *now, char **cause)
{
	sqlite3_stmt *st = store_stmt(store,
				      "INSERT INTO question_version (question_id, version, type, body,"
				      " hash, created) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
				      cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, qid);
	sqlite3_bind_int(st, 2, version);
	store_bind_text(st, 3, question_type_name(q->type));
	store_bind_text(st, 4, body);
	store_bind_text(st, 5, hash);
	store_bind_text(st, 6, now);
	return step_done(store, st, "writing question version", cause);
}

/* Adds or updates one question; a changed body makes a new version. */
static int question_write(struct store *store, long long course_id, const struct question *q,
			  int position, const char *now, struct catalog_stats *stats, char **cause)
{
	sqlite3_stmt *st;
	char *body = question_body(q);
	char *hash = hash_hex(body, strlen(body));
	char *old_hash = NULL;
	long long qid = 0;
	int current = 0, max_version = 0, rc = -1, step;

	st = store_stmt(store,
			"SELECT q.id, q.current_version, qv.hash,"
			" (SELECT max(version) FROM question_version WHERE question_id = q.id)"
			" FROM question q LEFT JOIN question_version qv"
			"  ON qv.question_id = q.id AND qv.version = q.current_version"
			" WHERE q.course_id = ?1 AND q.name = ?2",
			cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, course_id);
	store_bind_text(st, 2, q->id);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		qid = sqlite3_column_int64(st, 0);
		current = sqlite3_column_int(st, 1);
		old_hash = store_column_text(st, 2);
		max_version = sqlite3_column_int(st, 3);
	}
	store_done(st);
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		store_fail(store, cause, "reading question");
		goto cleanup;
	}

	if (qid == 0) {
		st = store_stmt(store,
				"INSERT INTO question (course_id, name, topic, position, current_version,"
				" retired) VALUES (?1, ?2, ?3, ?4, 1, 0)",
				cause);
		if (st == NULL)
			goto cleanup;
		sqlite3_bind_int64(st, 1, course_id);
		store_bind_text(st, 2, q->id);
		store_bind_text(st, 3, q->category);
		sqlite3_bind_int(st, 4, position);
		if (step_done(store, st, "writing question", cause) < 0)
			goto cleanup;
		qid = sqlite3_last_insert_rowid(store->db);
		if (version_insert(store, qid, 1, q, body, hash, now, cause) < 0)
			goto cleanup;
		if (stats)
			stats->questions_added++;
		rc = 0;
		goto cleanup;
	}
	if (old_hash == NULL || strcmp(old_hash, hash) != 0) {
		current = max_version + 1;
		if (version_insert(store, qid, current, q, body, hash, now, cause) < 0)
			goto cleanup;
		if (stats)
			stats->versions_added++;
	}
	st = store_stmt(store,
			"UPDATE question SET topic = ?2, position = ?3, current_version = ?4,"
			" retired = 0 WHERE id = ?1 AND (topic IS NOT ?2 OR position IS NOT ?3"
			" OR current_version IS NOT ?4 OR retired != 0)",
			cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, qid);
	store_bind_text(st, 2, q->category);
	sqlite3_bind_int(st, 3, position);
	sqlite3_bind_int(st, 4, current);
	if (step_done(store, st, "updating question", cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	free(body);
	free(hash);
	free(old_hash);
	return rc;
}

/* Retires the questions of a course whose names are not in the file. */
static int questions_retire(struct store *store, long long course_id,
			    const struct catalog_build_course *c, struct catalog_stats *stats,
			    char **cause)
{
	sqlite3_stmt *st = store_stmt(
		store, "SELECT id, name FROM question WHERE course_id = ?1 AND retired = 0", cause);
	long long *gone = NULL;
	size_t n_gone = 0;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, course_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		bool kept = false;

		for (size_t i = 0; i < c->n_questions && !kept; i++)
			kept = name && strcmp(c->questions[i].id, name) == 0;
		if (!kept) {
			gone = xreallocarray(gone, n_gone + 1, sizeof(*gone));
			gone[n_gone++] = sqlite3_column_int64(st, 0);
		}
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		free(gone);
		return store_fail(store, cause, "reading questions");
	}
	for (size_t i = 0; i < n_gone; i++) {
		st = store_stmt(store, "UPDATE question SET retired = 1 WHERE id = ?1", cause);
		if (st == NULL || (sqlite3_bind_int64(st, 1, gone[i]),
				   step_done(store, st, "retiring question", cause)) < 0) {
			free(gone);
			return -1;
		}
		if (stats)
			stats->questions_retired++;
	}
	free(gone);
	return 0;
}

static int course_write(struct store *store, const struct catalog_build_course *c, int position,
			const char *now, struct catalog_stats *stats, char **cause)
{
	char *hash = course_hash(c, position);
	char *old_hash = NULL;
	long long id = 0;
	int found, rc = -1;

	found = course_lookup(store, c->slug, &id, &old_hash, cause);
	if (found < 0)
		goto cleanup;
	if (found && old_hash && strcmp(old_hash, hash) == 0) {
		if (stats)
			stats->courses_unchanged++;
		rc = 0;
		goto cleanup;
	}
	if (course_upsert(store, c, position, hash, now, &id, cause) < 0 ||
	    course_parts_write(store, id, c, cause) < 0)
		goto cleanup;
	for (size_t i = 0; i < c->n_questions; i++) {
		if (c->questions[i].id == NULL) {
			*cause = xasprintf("course %s: question %zu has no name", c->slug, i + 1);
			goto cleanup;
		}
		if (question_write(store, id, &c->questions[i], (int)i, now, stats, cause) < 0)
			goto cleanup;
	}
	if (questions_retire(store, id, c, stats, cause) < 0)
		goto cleanup;
	if (stats) {
		if (found)
			stats->courses_changed++;
		else
			stats->courses_added++;
	}
	rc = 0;
cleanup:
	free(hash);
	free(old_hash);
	return rc;
}

int catalog_build(struct store *store, const struct catalog_build_topic *topics, size_t n_topics,
		  const struct catalog_build_course *courses, size_t n_courses,
		  struct catalog_stats *stats, char **cause)
{
	bool own_txn = !store->in_txn;
	int *pos = NULL, *state = NULL;
	char *now = store_now();
	int rc = -1;

	if (stats)
		memset(stats, 0, sizeof(*stats));
	if (own_txn && store_begin(store, cause) < 0)
		goto cleanup;
	if (topics_write(store, topics, n_topics, cause) < 0)
		goto cleanup;
	if (n_courses > 0) {
		pos = xcalloc(n_courses, sizeof(*pos));
		state = xcalloc(n_courses, sizeof(*state));
	}
	for (size_t i = 0; i < n_courses; i++)
		if (position_of(store, courses, n_courses, i, pos, state, cause) < 0)
			goto cleanup;
	for (size_t i = 0; i < n_courses; i++)
		if (course_write(store, &courses[i], pos[i], now, stats, cause) < 0)
			goto cleanup;
	if (own_txn && store_commit(store, cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (rc < 0 && own_txn)
		store_rollback(store);
	free(pos);
	free(state);
	free(now);
	return rc;
}
