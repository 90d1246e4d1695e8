/* Knowledge levels; see level.h for the definition. */
#include "level.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "xmalloc.h"

void level_list_free(struct level **levels, size_t n)
{
	if (*levels == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*levels)[i].topic);
		free((*levels)[i].name_sv);
		free((*levels)[i].name_en);
	}
	free(*levels);
	*levels = NULL;
}

int level_person(struct store *store, long long person_id, struct level **out, size_t *n,
		 char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    store,
	    "WITH latest AS (SELECT q.id AS qid, q.topic AS topic, r.mark AS mark,"
	    "  row_number() OVER (PARTITION BY q.id ORDER BY r.answered DESC, r.id DESC)"
	    "  AS rn FROM response r JOIN attempt a ON a.id = r.attempt_id"
	    "  JOIN question_version qv ON qv.id = r.question_version_id"
	    "  JOIN question q ON q.id = qv.question_id"
	    "  WHERE a.person_id = ?1 AND q.topic IS NOT NULL AND q.topic <> ''"
	    "  AND r.answered >= strftime('%Y-%m-%dT%H:%M:%SZ', ?2, '-12 months'))"
	    " SELECT l.topic, avg(l.mark), count(*), coalesce(t.name_sv, l.topic),"
	    " coalesce(t.name_en, l.topic) FROM latest l LEFT JOIN topic t ON t.slug = l.topic"
	    " WHERE l.rn = 1 AND l.mark IS NOT NULL GROUP BY l.topic"
	    " ORDER BY coalesce(t.name_sv, l.topic) COLLATE sv",
	    cause);
	char *now = NULL;
	size_t alloc = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	now = store_now();
	sqlite3_bind_int64(st, 1, person_id);
	store_bind_text(st, 2, now);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct level *l;

		if (*n == alloc) {
			alloc = alloc ? alloc * 2 : 16;
			*out = xreallocarray(*out, alloc, sizeof(**out));
		}
		l = &(*out)[(*n)++];
		l->topic = store_column_text(st, 0);
		l->level = sqlite3_column_double(st, 1);
		l->questions = sqlite3_column_int(st, 2);
		l->name_sv = store_column_text(st, 3);
		l->name_en = store_column_text(st, 4);
	}
	store_done(st);
	free(now);
	if (rc != SQLITE_DONE) {
		level_list_free(out, *n);
		*n = 0;
		return store_fail(store, cause, "reading levels");
	}
	return 0;
}
