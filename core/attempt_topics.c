/*
 * Right and wrong per topic in one attempt, read back from the stored
 * responses. Essays and descriptions are not scored and are left out.
 * See attempt.h.
 */
#include "attempt.h"

#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "xmalloc.h"

void attempt_topics_free(struct attempt_topic **topics, size_t n)
{
	if (*topics == NULL)
		return;
	for (size_t i = 0; i < n; i++)
		free((*topics)[i].topic);
	free(*topics);
	*topics = NULL;
}

int attempt_topics(struct store *store, long long attempt_id, struct attempt_topic **out, size_t *n,
		   char **cause)
{
	struct attempt a = {0};
	sqlite3_stmt *st;
	int found, rc = -1;

	*out = NULL;
	*n = 0;
	found = attempt_get(store, attempt_id, &a, cause);
	if (found <= 0)
		return found;
	/* Every scored question of the plan counts, answered or not. */
	for (size_t i = 0; i < a.n_items; i++) {
		const char *topic;
		double mark = 0;
		bool answered = false;
		size_t t;

		st = store_stmt(store,
				"SELECT coalesce(q.topic, ''), qv.type, r.mark, r.id IS NOT NULL"
				" FROM question_version qv JOIN question q ON q.id = qv.question_id"
				" LEFT JOIN response r ON r.attempt_id = ?1"
				"  AND r.question_version_id = qv.id WHERE qv.id = ?2",
				cause);
		if (st == NULL)
			goto cleanup;
		sqlite3_bind_int64(st, 1, attempt_id);
		sqlite3_bind_int64(st, 2, a.items[i].version_id);
		if (sqlite3_step(st) != SQLITE_ROW) {
			store_done(st);
			continue;
		}
		{
			const char *type = (const char *)sqlite3_column_text(st, 1);

			if (type &&
			    (strcmp(type, "essay") == 0 || strcmp(type, "description") == 0)) {
				store_done(st);
				continue;
			}
		}
		topic = (const char *)sqlite3_column_text(st, 0);
		answered = sqlite3_column_int(st, 3) != 0;
		if (answered && sqlite3_column_type(st, 2) != SQLITE_NULL)
			mark = sqlite3_column_double(st, 2);
		for (t = 0; t < *n; t++)
			if (strcmp((*out)[t].topic, topic ? topic : "") == 0)
				break;
		if (t == *n) {
			*out = xreallocarray(*out, *n + 1, sizeof(**out));
			(*out)[t].topic = xstrdup(topic ? topic : "");
			(*out)[t].marks = 0;
			(*out)[t].right = 0;
			(*out)[t].total = 0;
			(*n)++;
		}
		store_done(st);
		(*out)[t].marks += mark;
		(*out)[t].right += mark >= 1.0 - 1e-9;
		(*out)[t].total++;
	}
	rc = 0;
cleanup:
	if (rc < 0) {
		attempt_topics_free(out, *n);
		*n = 0;
	}
	attempt_release(&a);
	return rc;
}
