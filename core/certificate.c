/* Certificates and their verification codes; see certificate.h. */
#include "certificate.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "person.h"
#include "progress.h"
#include "store_internal.h"
#include "strbuf.h"
#include "xmalloc.h"

static const char code_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void certificate_release(struct certificate *cert)
{
	if (cert == NULL)
		return;
	free(cert->code);
	free(cert->issued);
	free(cert->person_name);
	free(cert->employee_no);
	free(cert->unit_path);
	for (size_t i = 0; i < cert->n_courses; i++) {
		free(cert->courses[i].slug);
		free(cert->courses[i].title);
		free(cert->courses[i].passed_at);
	}
	free(cert->courses);
	memset(cert, 0, sizeof(*cert));
}

static void course_add(struct certificate *cert, long long course_id, const char *slug,
		       const char *title, const char *passed_at, double score)
{
	struct certificate_course *c;

	cert->courses = xreallocarray(cert->courses, cert->n_courses + 1, sizeof(*cert->courses));
	c = &cert->courses[cert->n_courses++];
	c->course_id = course_id;
	c->slug = slug ? xstrdup(slug) : NULL;
	c->title = xstrdup(title);
	c->passed_at = xstrdup(passed_at);
	c->score = score;
}

/* The latest completion of the course's translation group. */
static int latest_completion(struct store *store, long long person_id,
			     const struct catalog_course *course, long long *completion_id,
			     char **passed_at, double *score, char **cause)
{
	const char *root = course->translation_of ? course->translation_of : course->slug;

	return progress_group_completion(store, person_id, root, completion_id, passed_at, score,
					 cause);
}

static char *code_new(void)
{
	char payload[CERTIFICATE_CODE_RANDOM + 1];

	for (size_t i = 0; i < CERTIFICATE_CODE_RANDOM; i++)
		payload[i] = code_alphabet[randombytes_uniform(sizeof(code_alphabet) - 1)];
	payload[CERTIFICATE_CODE_RANDOM] = '\0';
	return scancode_make(SCANCODE_CERTIFICATE, payload);
}

/* Collects the courses to certify into cert (with completion ids in ids).
 * Returns 0, 1 with *cause when something is not passed, -1. */
static int collect(struct store *store, long long person_id, const char *course_slug,
		   struct certificate *cert, long long **ids, char **cause)
{
	struct catalog_courses all = {NULL, 0};
	struct catalog_course one;
	struct strbuf missing = STRBUF_INIT;
	char *passed_at = NULL;
	long long cid = 0;
	double score = 0;
	int found, rc = -1;

	memset(&one, 0, sizeof(one));
	if (course_slug) {
		found = catalog_course_find(store, course_slug, &one, cause);
		if (found <= 0) {
			if (found == 0)
				*cause = xasprintf("no course '%s' (see 'vaksam content build')",
						   course_slug);
			goto cleanup;
		}
		found = latest_completion(store, person_id, &one, &cid, &passed_at, &score, cause);
		if (found < 0)
			goto cleanup;
		if (found == 0) {
			*cause = xasprintf("course '%s' is not passed", course_slug);
			rc = 1;
			goto cleanup;
		}
		*ids = xcalloc(1, sizeof(long long));
		(*ids)[0] = cid;
		course_add(cert, one.id, one.slug, one.title, passed_at, score);
		rc = 0;
		goto cleanup;
	}
	if (catalog_courses_load(store, &all, cause) < 0)
		goto cleanup;
	*ids = xcalloc(all.n + 1, sizeof(long long));
	for (size_t i = 0; i < all.n; i++) {
		const struct catalog_course *c = &all.items[i];

		if (strcmp(c->audience, "coordinators") != 0 || c->translation_of)
			continue;
		free(passed_at);
		found = latest_completion(store, person_id, c, &cid, &passed_at, &score, cause);
		if (found < 0)
			goto cleanup;
		if (found == 0) {
			strbuf_addf(&missing, "%s%s", missing.len ? ", " : "", c->slug);
			continue;
		}
		(*ids)[cert->n_courses] = cid;
		course_add(cert, c->id, c->slug, c->title, passed_at, score);
	}
	if (missing.len) {
		*cause = xasprintf("the coordinators' programme is not completed: not passed %s",
				   missing.buf);
		rc = 1;
		goto cleanup;
	}
	if (cert->n_courses == 0) {
		*cause = xstrdup("the database holds no coordinators' programme");
		rc = 1;
		goto cleanup;
	}
	rc = 0;
cleanup:
	catalog_course_release(&one);
	catalog_courses_release(&all);
	strbuf_release(&missing);
	free(passed_at);
	return rc;
}

static int insert(struct store *store, struct certificate *cert, const long long *ids, char **cause)
{
	sqlite3_stmt *st;
	bool taken = true;

	for (int tries = 0; taken && tries < 16; tries++) {
		free(cert->code);
		cert->code = code_new();
		st = store_stmt(store, "SELECT 1 FROM certificate WHERE code = ?1", cause);
		if (st == NULL)
			return -1;
		store_bind_text(st, 1, cert->code);
		taken = sqlite3_step(st) == SQLITE_ROW;
		store_done(st);
	}
	if (taken) {
		*cause = xstrdup("could not find a free certificate code");
		return -1;
	}
	st = store_stmt(store,
			"INSERT INTO certificate (code, person_id, kind, issued)"
			" VALUES (?1, ?2, ?3, ?4)",
			cause);
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, cert->code);
	sqlite3_bind_int64(st, 2, cert->person_id);
	store_bind_text(st, 3, cert->programme ? "programme" : "course");
	store_bind_text(st, 4, cert->issued);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		return store_fail(store, cause, "recording certificate");
	}
	store_done(st);
	cert->id = sqlite3_last_insert_rowid(store->db);
	for (size_t i = 0; i < cert->n_courses; i++) {
		const struct certificate_course *c = &cert->courses[i];

		st = store_stmt(
		    store,
		    "INSERT INTO certificate_course (certificate_id, position, course_id,"
		    " completion_id, title, passed_at, score)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
		    cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, cert->id);
		sqlite3_bind_int64(st, 2, (long long)i);
		sqlite3_bind_int64(st, 3, c->course_id);
		sqlite3_bind_int64(st, 4, ids[i]);
		store_bind_text(st, 5, c->title);
		store_bind_text(st, 6, c->passed_at);
		sqlite3_bind_double(st, 7, c->score);
		if (sqlite3_step(st) != SQLITE_DONE) {
			store_done(st);
			return store_fail(store, cause, "recording certificate");
		}
		store_done(st);
	}
	return 0;
}

int certificate_issue(struct store *store, long long person_id, const char *course_slug,
		      struct certificate *out, char **cause)
{
	struct person p;
	long long *ids = NULL;
	int found, rc = -1;

	memset(out, 0, sizeof(*out));
	memset(&p, 0, sizeof(p));
	found = person_get(store, person_id, &p, cause);
	if (found <= 0) {
		if (found == 0)
			*cause = xstrdup("no such person");
		goto cleanup;
	}
	out->person_id = person_id;
	out->programme = course_slug == NULL;
	out->issued = store_now();
	rc = collect(store, person_id, course_slug, out, &ids, cause);
	if (rc != 0)
		goto cleanup;
	rc = -1;
	if (insert(store, out, ids, cause) < 0)
		goto cleanup;
	out->person_name = xstrdup(p.name);
	out->employee_no = xstrdup(p.employee_no);
	out->unit_path = p.unit_path ? xstrdup(p.unit_path) : NULL;
	rc = 0;
cleanup:
	if (rc != 0)
		certificate_release(out);
	person_release(&p);
	free(ids);
	return rc;
}

int certificate_find(struct store *store, const char *typed, enum scancode_status *status,
		     struct certificate *out, char **cause)
{
	struct scancode sc;
	sqlite3_stmt *st;
	const char *kind;
	int rc;

	memset(out, 0, sizeof(*out));
	*status = scancode_parse(typed, &sc);
	if (*status == SCANCODE_OK && sc.kind != SCANCODE_CERTIFICATE)
		*status = SCANCODE_MALFORMED;
	if (*status != SCANCODE_OK)
		return 0;
	st =
	    store_stmt(store,
		       "SELECT ce.id, ce.code, ce.kind, ce.issued, IFNULL(ce.person_id, 0), p.name,"
		       " p.employee_no, u.path FROM certificate ce"
		       " LEFT JOIN person p ON p.id = ce.person_id"
		       " LEFT JOIN unit u ON u.id = p.unit_id WHERE ce.code = ?1",
		       cause);
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, sc.text);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->code = store_column_text(st, 1);
		kind = (const char *)sqlite3_column_text(st, 2);
		out->programme = kind && strcmp(kind, "programme") == 0;
		out->issued = store_column_text(st, 3);
		out->person_id = sqlite3_column_int64(st, 4);
		out->person_name = store_column_text(st, 5);
		out->employee_no = store_column_text(st, 6);
		out->unit_path = store_column_text(st, 7);
	}
	store_done(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? 0 : store_fail(store, cause, "reading certificate");
	st = store_stmt(store,
			"SELECT cc.course_id, c.slug, cc.title, cc.passed_at, cc.score"
			" FROM certificate_course cc LEFT JOIN course c ON c.id = cc.course_id"
			" WHERE cc.certificate_id = ?1 ORDER BY cc.position",
			cause);
	if (st == NULL) {
		certificate_release(out);
		return -1;
	}
	sqlite3_bind_int64(st, 1, out->id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		course_add(out, sqlite3_column_int64(st, 0),
			   (const char *)sqlite3_column_text(st, 1),
			   (const char *)sqlite3_column_text(st, 2),
			   (const char *)sqlite3_column_text(st, 3), sqlite3_column_double(st, 4));
	store_done(st);
	if (rc != SQLITE_DONE) {
		certificate_release(out);
		return store_fail(store, cause, "reading certificate");
	}
	return 1;
}
