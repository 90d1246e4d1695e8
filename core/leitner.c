/* Leitner boxes replayed from responses; see leitner.h. */
#include "leitner.h"

#include <stdlib.h>

#include "day.h"
#include "store_internal.h"
#include "xmalloc.h"

int leitner_step(int box, bool right)
{
	if (box < 1)
		box = 1;
	if (!right)
		return 1;
	return box < LEITNER_BOXES ? box + 1 : LEITNER_BOXES;
}

int leitner_interval(int box, int base_days)
{
	if (box < 1)
		box = 1;
	if (box > LEITNER_BOXES)
		box = LEITNER_BOXES;
	return (1 << (box - 1)) * base_days;
}

void leitner_replay(const bool *right, const int *day, size_t n, int base_days,
		    struct leitner_card *card)
{
	card->box = 0;
	card->last_day = 0;
	card->due_day = 0;
	for (size_t i = 0; i < n; i++) {
		card->box = leitner_step(card->box, right[i]);
		card->last_day = day[i];
	}
	if (card->box)
		card->due_day = card->last_day + leitner_interval(card->box, base_days);
}

/* The group of a card in refresh order: wrong, never answered, due, rest. */
static int group_of(const struct leitner_card *c, int today)
{
	if (c->box == 1)
		return 0;
	if (c->box == 0)
		return 1;
	return c->due_day <= today ? 2 : 3;
}

static int order_today;

static int cmp_card(const void *a, const void *b)
{
	const struct leitner_card *x = a, *y = b;
	int gx = group_of(x, order_today), gy = group_of(y, order_today);

	if (gx != gy)
		return gx - gy;
	if (x->box != y->box)
		return x->box - y->box;
	if (x->due_day != y->due_day)
		return x->due_day < y->due_day ? -1 : 1;
	if (x->position != y->position)
		return x->position - y->position;
	return (x->question_id > y->question_id) - (x->question_id < y->question_id);
}

void leitner_order(struct leitner_card *cards, size_t n, int today)
{
	order_today = today;
	if (n > 1)
		qsort(cards, n, sizeof(*cards), cmp_card);
}

int leitner_cards(struct store *store, long long person_id, long long course_id, int today,
		  struct leitner_card **out, size_t *n, char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(store,
		       "SELECT q.id, cv.id, q.position, h.answered, h.mark"
		       " FROM question q JOIN question_version cv"
		       "  ON cv.question_id = q.id AND cv.version = q.current_version"
		       " LEFT JOIN (SELECT v.question_id AS qid, r.answered, r.mark FROM attempt a"
		       "   JOIN response r ON r.attempt_id = a.id"
		       "   JOIN question_version v ON v.id = r.question_version_id"
		       "   WHERE a.person_id = ?1 AND r.mark >= 0) h ON h.qid = q.id"
		       " WHERE q.course_id = ?2 AND NOT q.retired"
		       "  AND cv.type NOT IN ('essay', 'description')"
		       " ORDER BY q.position, q.id, h.answered",
		       cause);
	struct leitner_card *cards = NULL;
	bool *right = NULL;
	int *days = NULL;
	size_t count = 0, alloc = 0, n_hist = 0, alloc_hist = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person_id);
	sqlite3_bind_int64(st, 2, course_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		long long qid = sqlite3_column_int64(st, 0);
		const char *when = (const char *)sqlite3_column_text(st, 3);
		int d;

		if (count == 0 || cards[count - 1].question_id != qid) {
			if (count)
				leitner_replay(right, days, n_hist, LEITNER_BASE_DAYS,
					       &cards[count - 1]);
			if (count == alloc) {
				alloc = alloc ? alloc * 2 : 32;
				cards = xreallocarray(cards, alloc, sizeof(*cards));
			}
			cards[count].question_id = qid;
			cards[count].version_id = sqlite3_column_int64(st, 1);
			cards[count].position = sqlite3_column_int(st, 2);
			count++;
			n_hist = 0;
		}
		if (when == NULL || day_parse(when, &d) < 0)
			continue;
		if (n_hist == alloc_hist) {
			alloc_hist = alloc_hist ? alloc_hist * 2 : 16;
			right = xreallocarray(right, alloc_hist, sizeof(*right));
			days = xreallocarray(days, alloc_hist, sizeof(*days));
		}
		/* Fully right only: a half-right answer is not yet learnt. */
		right[n_hist] = sqlite3_column_double(st, 4) >= 1.0 - 1e-9;
		days[n_hist] = d;
		n_hist++;
	}
	if (count)
		leitner_replay(right, days, n_hist, LEITNER_BASE_DAYS, &cards[count - 1]);
	store_done(st);
	free(right);
	free(days);
	if (rc != SQLITE_DONE) {
		free(cards);
		return store_fail(store, cause, "reading answers");
	}
	leitner_order(cards, count, today);
	*out = cards;
	*n = count;
	return 0;
}

int leitner_plan(struct store *store, long long person_id, long long course_id, int today,
		 size_t want, long long **version_ids, size_t *n, char **cause)
{
	struct leitner_card *cards = NULL;
	size_t count = 0;
	long long *ids;

	*version_ids = NULL;
	*n = 0;
	if (leitner_cards(store, person_id, course_id, today, &cards, &count, cause) < 0)
		return -1;
	if (want == 0 || want > count)
		want = count;
	ids = xcalloc(want ? want : 1, sizeof(*ids));
	for (size_t i = 0; i < want; i++)
		ids[i] = cards[i].version_id;
	free(cards);
	*version_ids = ids;
	*n = want;
	return 0;
}
