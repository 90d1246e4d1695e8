/*
 * Right and wrong per topic in one attempt: the counting rule
 * (attempt_topics_add), shared with the kiosk's result screen, and the same
 * read back from the stored responses (attempt_topics). Essays and
 * descriptions are not scored and are left out. See attempt.h.
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

void attempt_topics_add(struct attempt_topic **topics, size_t *n, const char *topic, bool answered,
			double mark)
{
	size_t t;

	if (topic == NULL)
		topic = "";
	if (!answered || mark == QUESTION_UNSCORED)
		mark = 0;
	for (t = 0; t < *n; t++)
		if (strcmp((*topics)[t].topic, topic) == 0)
			break;
	if (t == *n) {
		*topics = xreallocarray(*topics, *n + 1, sizeof(**topics));
		memset(&(*topics)[t], 0, sizeof((*topics)[t]));
		(*topics)[t].topic = xstrdup(topic);
		(*n)++;
	}
	(*topics)[t].marks += mark;
	(*topics)[t].right += mark >= 1.0 - 1e-9;
	(*topics)[t].total++;
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
		double mark = QUESTION_UNSCORED;
		bool answered = false;

		st = store_stmt(
		    store,
		    "SELECT coalesce(q.topic, ''), qv.type, r.mark, r.attempt_id IS NOT NULL"
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
		if (sqlite3_column_type(st, 2) != SQLITE_NULL)
			mark = sqlite3_column_double(st, 2);
		attempt_topics_add(out, n, topic, answered, mark);
		store_done(st);
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
