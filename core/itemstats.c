/*
 * Item analysis as Moodle's quiz statistics defines it; the definitions are
 * in itemstats.h. itemstats_compute() is pure arithmetic on a marks matrix;
 * itemstats_course() collects the matrix of a course from the store.
 */
#include "itemstats.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "day.h"
#include "store_internal.h"
#include "strbuf.h"
#include "xmalloc.h"

static double mean_of(const double *x, size_t n)
{
	double s = 0;

	for (size_t i = 0; i < n; i++)
		s += x[i];
	return n ? s / (double)n : NAN;
}

/* Sample covariance (divides by n - 1); NAN when n < 2. */
static double cov_of(const double *x, const double *y, size_t n)
{
	double mx, my, s = 0;

	if (n < 2)
		return NAN;
	mx = mean_of(x, n);
	my = mean_of(y, n);
	for (size_t i = 0; i < n; i++)
		s += (x[i] - mx) * (y[i] - my);
	return s / (double)(n - 1);
}

double itemstats_pearson(const double *x, const double *y, size_t n)
{
	double vx = cov_of(x, x, n), vy = cov_of(y, y, n), c = cov_of(x, y, n);

	/* A variance this close to 0 is rounding noise: the marks are constant. */
	if (n < 2 || !(vx > 1e-12) || !(vy > 1e-12))
		return NAN;
	return c / sqrt(vx * vy);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double median_of(double *x, size_t n)
{
	if (n == 0)
		return NAN;
	qsort(x, n, sizeof(*x), cmp_double);
	return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

static unsigned item_flags(const struct itemstats_item *it)
{
	unsigned f = 0;

	if (it->n < ITEMSTATS_MIN_FLAG)
		return 0;
	if (it->facility > ITEMSTATS_EASY)
		f |= ITEMSTATS_FLAG_EASY;
	if (it->facility < ITEMSTATS_HARD)
		f |= ITEMSTATS_FLAG_HARD;
	if (isnan(it->discrimination) || it->discrimination < ITEMSTATS_LOW_DISCRIMINATION)
		f |= ITEMSTATS_FLAG_LOW_DISC;
	if (!isnan(it->discrimination) && it->discrimination < 0)
		f |= ITEMSTATS_FLAG_NEGATIVE;
	return f;
}

/* The statistics of item p; x and rest are scratch arrays of n_attempts. */
static void item_compute(const double *marks, const double *total, size_t n_attempts,
			 size_t n_items, size_t p, double *x, double *rest,
			 struct itemstats_item *it)
{
	size_t n = 0;
	double c, cmax;

	for (size_t s = 0; s < n_attempts; s++) {
		double m = marks[s * n_items + p];

		if (isnan(m))
			continue;
		x[n] = m;
		rest[n] = total[s] - m;
		n++;
	}
	memset(it, 0, sizeof(*it));
	it->n = n;
	it->facility = n ? 100.0 * mean_of(x, n) : NAN;
	it->sd = n >= 2 ? 100.0 * sqrt(cov_of(x, x, n)) : NAN;
	it->discrimination = 100.0 * itemstats_pearson(x, rest, n);
	c = cov_of(x, rest, n);
	/* Cmax: the two margins sorted into the same order. */
	qsort(x, n, sizeof(*x), cmp_double);
	qsort(rest, n, sizeof(*rest), cmp_double);
	cmax = cov_of(x, rest, n);
	it->efficiency = isnan(it->discrimination) || !(cmax > 1e-12) ? NAN : 100.0 * c / cmax;
	it->flags = item_flags(it);
}

struct sig_sort {
	const double *marks;
	size_t n_items;
};

/* qsort has no context argument; the comparison reads this. Set only by
 * itemstats_compute, which is not reentrant across threads (vaksam has none). */
static struct sig_sort sig_ctx;

static int cmp_signature(const void *a, const void *b)
{
	size_t sa = *(const size_t *)a, sb = *(const size_t *)b;

	for (size_t p = 0; p < sig_ctx.n_items; p++) {
		bool ha = !isnan(sig_ctx.marks[sa * sig_ctx.n_items + p]);
		bool hb = !isnan(sig_ctx.marks[sb * sig_ctx.n_items + p]);

		if (ha != hb)
			return ha ? -1 : 1;
	}
	return (sa > sb) - (sa < sb);
}

static bool same_signature(const double *marks, size_t n_items, size_t a, size_t b)
{
	for (size_t p = 0; p < n_items; p++)
		if (isnan(marks[a * n_items + p]) != isnan(marks[b * n_items + p]))
			return false;
	return true;
}

/* Alpha, error ratio and standard error over the attempts with the most
 * common item set. */
static void test_alpha(const double *marks, const double *total, size_t n_attempts, size_t n_items,
		       double *x, struct itemstats_test *t)
{
	size_t *idx, best_start = 0, best_len = 0, best_first = SIZE_MAX, items = 0;
	double sum_var = 0, var_t, *tot;

	t->alpha = t->error_ratio = t->se = NAN;
	if (n_attempts == 0 || n_items == 0)
		return;
	idx = xcalloc(n_attempts, sizeof(*idx));
	for (size_t s = 0; s < n_attempts; s++)
		idx[s] = s;
	sig_ctx.marks = marks;
	sig_ctx.n_items = n_items;
	qsort(idx, n_attempts, sizeof(*idx), cmp_signature);
	for (size_t i = 0; i < n_attempts;) {
		size_t j = i + 1, first = idx[i];

		while (j < n_attempts && same_signature(marks, n_items, idx[i], idx[j])) {
			if (idx[j] < first)
				first = idx[j];
			j++;
		}
		/* The largest group; on a tie, the one whose first attempt came first. */
		if (j - i > best_len || (j - i == best_len && first < best_first)) {
			best_start = i;
			best_len = j - i;
			best_first = first;
		}
		i = j;
	}
	for (size_t p = 0; p < n_items; p++)
		items += !isnan(marks[idx[best_start] * n_items + p]);
	t->n_alpha = best_len;
	t->items_alpha = items;
	if (best_len < 2 || items < 2)
		goto cleanup;
	tot = xcalloc(best_len, sizeof(*tot));
	for (size_t i = 0; i < best_len; i++)
		tot[i] = total[idx[best_start + i]];
	var_t = cov_of(tot, tot, best_len);
	free(tot);
	if (!(var_t > 1e-12))
		goto cleanup;
	for (size_t p = 0; p < n_items; p++) {
		if (isnan(marks[idx[best_start] * n_items + p]))
			continue;
		for (size_t i = 0; i < best_len; i++)
			x[i] = marks[idx[best_start + i] * n_items + p];
		sum_var += cov_of(x, x, best_len);
	}
	t->alpha = (double)items / (double)(items - 1) * (1.0 - sum_var / var_t);
	{
		double a = t->alpha < 0 ? 0 : t->alpha > 1 ? 1 : t->alpha;

		t->error_ratio = 100.0 * sqrt(1.0 - a);
		t->se = t->error_ratio / 100.0 * (100.0 * sqrt(var_t) / (double)items);
	}
cleanup:
	free(idx);
}

void itemstats_compute(const double *marks, size_t n_attempts, size_t n_items,
		       struct itemstats_item *items, struct itemstats_test *test)
{
	size_t alloc = n_attempts ? n_attempts : 1;
	double *total = xcalloc(alloc, sizeof(double));
	double *pct = xcalloc(alloc, sizeof(double));
	double *x = xcalloc(alloc, sizeof(double));
	double *rest = xcalloc(alloc, sizeof(double));
	size_t n_pct = 0;

	memset(test, 0, sizeof(*test));
	for (size_t s = 0; s < n_attempts; s++) {
		size_t m = 0;

		for (size_t p = 0; p < n_items; p++) {
			double v = marks[s * n_items + p];

			if (!isnan(v)) {
				total[s] += v;
				m++;
			}
		}
		if (m)
			pct[n_pct++] = 100.0 * total[s] / (double)m;
	}
	for (size_t p = 0; p < n_items; p++)
		item_compute(marks, total, n_attempts, n_items, p, x, rest, &items[p]);
	test->n = n_pct;
	test->mean = n_pct ? mean_of(pct, n_pct) : NAN;
	test->sd = n_pct >= 2 ? sqrt(cov_of(pct, pct, n_pct)) : NAN;
	test->median = median_of(pct, n_pct);
	test_alpha(marks, total, n_attempts, n_items, x, test);
	free(total);
	free(pct);
	free(x);
	free(rest);
}

static const char *flag_text(unsigned flags, char *buf, size_t size, const char *const words[4])
{
	size_t len = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (int i = 0; i < 4; i++) {
		int w;

		if (!(flags & (1u << i)))
			continue;
		/* Negative discrimination says more than "low": show only it. */
		if (i == 2 && (flags & ITEMSTATS_FLAG_NEGATIVE))
			continue;
		w = snprintf(buf + len, size - len, "%s%s", len ? ", " : "", words[i]);
		if (w < 0 || (size_t)w >= size - len)
			break;
		len += (size_t)w;
	}
	return buf;
}

const char *itemstats_flag_text(unsigned flags, char *buf, size_t size)
{
	static const char *const words[4] = {"too easy", "too hard", "low discrimination",
					     "negative discrimination"};

	return flag_text(flags, buf, size, words);
}

const char *itemstats_flag_text_sv(unsigned flags, char *buf, size_t size)
{
	static const char *const words[4] = {"för lätt", "för svår", "skiljer dåligt",
					     "negativ diskriminering"};

	return flag_text(flags, buf, size, words);
}

void itemstats_report_release(struct itemstats_report *r)
{
	for (size_t i = 0; i < r->n_rows; i++) {
		free(r->rows[i].name);
		free(r->rows[i].topic);
		free(r->rows[i].type);
		free(r->rows[i].stem);
	}
	free(r->rows);
	free(r->course_slug);
	free(r->course_title);
	memset(r, 0, sizeof(*r));
}

/* Every scored question version of the course, in course order; those
 * nobody answered are dropped after the pass (drop_unanswered): asking the
 * database first, per version, meant a search through every answer. */
static int load_items(struct store *store, struct itemstats_report *out, char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(store,
		       "SELECT q.id, v.id, q.name, v.version, IFNULL(q.topic, ''), v.type,"
		       "  json_extract(v.body, '$.stem'),"
		       "  v.version = q.current_version AND NOT q.retired"
		       " FROM question q JOIN question_version v ON v.question_id = q.id"
		       " WHERE q.course_id = ?1 AND v.type NOT IN ('essay', 'description')"
		       " ORDER BY q.position, q.id, v.version",
		       cause);
	size_t alloc = 0;
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, out->course_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct itemstats_row *row;

		if (out->n_rows == alloc) {
			alloc = alloc ? alloc * 2 : 32;
			out->rows = xreallocarray(out->rows, alloc, sizeof(*out->rows));
		}
		row = &out->rows[out->n_rows++];
		memset(row, 0, sizeof(*row));
		row->question_id = sqlite3_column_int64(st, 0);
		row->version_id = sqlite3_column_int64(st, 1);
		row->name = store_column_text(st, 2);
		row->version = sqlite3_column_int(st, 3);
		row->topic = store_column_text(st, 4);
		row->type = store_column_text(st, 5);
		row->stem = store_column_text(st, 6);
		if (row->stem == NULL)
			row->stem = xstrdup("");
		row->current = sqlite3_column_int(st, 7) != 0;
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(store, cause, "reading questions");
	return 0;
}

/*
 * A version nobody in the population answered is still listed (with no
 * figures) when someone outside it did, e.g. before the period: the CSV
 * shows it existed. Asked only for the rows the pass did not see, and each
 * question stops at the first attempt of the course that answered it.
 */
static int mark_answered_elsewhere(struct store *store, const struct itemstats_report *out,
				   bool *seen, char **cause)
{
	sqlite3_stmt *st = NULL;
	int rc = 0;

	for (size_t i = 0; i < out->n_rows && rc == 0; i++) {
		if (seen[i])
			continue;
		st = store_stmt(store,
				"SELECT EXISTS (SELECT 1 FROM attempt a JOIN response r"
				"  ON r.attempt_id = a.id AND r.question_version_id = ?2"
				"  WHERE a.course_id = ?1)",
				cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, out->course_id);
		sqlite3_bind_int64(st, 2, out->rows[i].version_id);
		if (sqlite3_step(st) == SQLITE_ROW)
			seen[i] = sqlite3_column_int(st, 0) != 0;
		else
			rc = store_fail(store, cause, "reading responses");
		store_done(st);
	}
	return rc;
}

/*
 * Keeps only the rows with at least one answer (seen[i]), moving the kept
 * columns of the n_att x n_rows marks matrix to the left in place: every
 * value moves to an index no greater than its own, in increasing order.
 */
static void drop_unanswered(struct itemstats_report *out, const bool *seen, double *marks,
			    size_t n_att)
{
	size_t n_old = out->n_rows, n_new = 0;

	for (size_t i = 0; i < n_old; i++)
		n_new += seen[i];
	if (n_new == n_old)
		return;
	for (size_t a = 0; a < n_att; a++)
		for (size_t i = 0, j = 0; i < n_old; i++)
			if (seen[i])
				marks[a * n_new + j++] = marks[a * n_old + i];
	for (size_t i = 0, j = 0; i < n_old; i++) {
		if (seen[i]) {
			out->rows[j++] = out->rows[i];
		} else {
			free(out->rows[i].name);
			free(out->rows[i].topic);
			free(out->rows[i].type);
			free(out->rows[i].stem);
		}
	}
	out->n_rows = n_new;
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

/* The index of version id v among the sorted ids, or SIZE_MAX. */
static size_t find_item(const long long *ids, const size_t *pos, size_t n, long long v)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ids[mid] < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ids[lo] == v ? pos[lo] : SIZE_MAX;
}

int itemstats_course(struct store *store, const char *course, int from_day, int to_day,
		     struct itemstats_report *out, char **cause)
{
	sqlite3_stmt *st;
	char from[DAY_ISO_SIZE], to[DAY_ISO_SIZE];
	long long *ids = NULL, last_attempt = -1;
	size_t *pos = NULL, n_att = 0, alloc_att = 0;
	double *marks = NULL;
	struct itemstats_item *items = NULL;
	bool *seen = NULL; /* owned: per row, answered in the population */
	int rc = -1, step;

	memset(out, 0, sizeof(*out));
	st = store_stmt(store, "SELECT id, slug, title FROM course WHERE slug = ?1", cause);
	if (st == NULL)
		return -1;
	store_bind_text(st, 1, course);
	step = sqlite3_step(st);
	if (step == SQLITE_ROW) {
		out->course_id = sqlite3_column_int64(st, 0);
		out->course_slug = store_column_text(st, 1);
		out->course_title = store_column_text(st, 2);
	}
	store_done(st);
	if (step == SQLITE_DONE)
		return 1;
	if (step != SQLITE_ROW)
		return store_fail(store, cause, "finding course");
	if (load_items(store, out, cause) < 0)
		goto cleanup;
	seen = xcalloc(out->n_rows ? out->n_rows : 1, sizeof(*seen));
	/* Sorted version ids with their row index, for lookups while streaming. */
	if (out->n_rows) {
		long long *pairs = xcalloc(out->n_rows * 2, sizeof(long long));

		for (size_t i = 0; i < out->n_rows; i++) {
			pairs[2 * i] = out->rows[i].version_id;
			pairs[2 * i + 1] = (long long)i;
		}
		qsort(pairs, out->n_rows, 2 * sizeof(long long), cmp_ll);
		ids = xcalloc(out->n_rows, sizeof(*ids));
		pos = xcalloc(out->n_rows, sizeof(*pos));
		for (size_t i = 0; i < out->n_rows; i++) {
			ids[i] = pairs[2 * i];
			pos[i] = (size_t)pairs[2 * i + 1];
		}
		free(pairs);
	}
	day_format(from_day == INT_MIN ? day_from_civil(1, 1, 1) : from_day, from);
	day_format(to_day == INT_MAX ? day_from_civil(9999, 12, 31) : to_day, to);
	st = store_stmt(
	    store,
	    "SELECT a.id, r.question_version_id, r.mark"
	    " FROM attempt a JOIN response r ON r.attempt_id = a.id"
	    " WHERE a.course_id = ?1 AND a.kind = 'quiz' AND a.finished IS NOT NULL"
	    "  AND substr(a.finished, 1, 10) BETWEEN ?2 AND ?3"
	    "  AND r.mark IS NOT NULL AND r.mark >= 0"
	    "  AND (a.person_id IS NULL OR NOT EXISTS (SELECT 1 FROM attempt b"
	    "   WHERE b.person_id = a.person_id AND b.course_id = a.course_id"
	    "    AND b.kind = 'quiz' AND b.finished IS NOT NULL"
	    "    AND (b.finished < a.finished OR (b.finished = a.finished AND b.id < a.id))))"
	    " ORDER BY a.id",
	    cause);
	if (st == NULL)
		goto cleanup;
	sqlite3_bind_int64(st, 1, out->course_id);
	store_bind_text(st, 2, from);
	store_bind_text(st, 3, to);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		long long att = sqlite3_column_int64(st, 0);
		size_t p = find_item(ids, pos, out->n_rows, sqlite3_column_int64(st, 1));

		if (p == SIZE_MAX)
			continue;
		if (att != last_attempt) {
			if (n_att == alloc_att) {
				alloc_att = alloc_att ? alloc_att * 2 : 64;
				marks =
				    xreallocarray(marks, alloc_att * out->n_rows, sizeof(double));
			}
			for (size_t i = 0; i < out->n_rows; i++)
				marks[n_att * out->n_rows + i] = NAN;
			n_att++;
			last_attempt = att;
		}
		marks[(n_att - 1) * out->n_rows + p] = sqlite3_column_double(st, 2);
		seen[p] = true;
	}
	store_done(st);
	if (step != SQLITE_DONE) {
		store_fail(store, cause, "reading responses");
		goto cleanup;
	}
	if (mark_answered_elsewhere(store, out, seen, cause) < 0)
		goto cleanup;
	drop_unanswered(out, seen, marks, n_att);
	if (out->n_rows) {
		items = xcalloc(out->n_rows, sizeof(*items));
		itemstats_compute(marks ? marks : (double[]){0}, n_att, out->n_rows, items,
				  &out->test);
		for (size_t i = 0; i < out->n_rows; i++)
			out->rows[i].stats = items[i];
	} else {
		itemstats_compute((double[]){0}, 0, 0, NULL, &out->test);
	}
	rc = 0;
cleanup:
	if (rc < 0)
		itemstats_report_release(out);
	free(items);
	free(seen);
	free(marks);
	free(ids);
	free(pos);
	return rc;
}
