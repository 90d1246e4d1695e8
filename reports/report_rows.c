/*
 * The rows of each report kind (report.h); the columns are documented in
 * README.md under "Report exports". A hidden figure is an empty cell with
 * suppressed = 1, and so is the count of people behind it.
 */
#include "reports/report.h"

#include <math.h>
#include <string.h>

#include "core/day.h"

static void date_cell(const struct report_sink *out, int day)
{
	char buf[DAY_ISO_SIZE];

	out->text(out->ctx, day_format(day, buf));
}

/* ------------------------------------------------------------------ */

static void completion_period(const struct measure_completion *c,
			      const struct measure_completion_cell *cells, const char *period,
			      int day, const struct report_context *rc,
			      const struct report_sink *out)
{
	size_t cols = c->n_courses + 1;

	for (size_t u = 0; u < c->n_units; u++) {
		for (size_t k = 0; k < cols; k++) {
			const struct measure_completion_cell *cell = &cells[u * cols + k];
			bool hidden = cell->state != SUPPRESS_SHOWN;

			out->text(out->ctx, period);
			date_cell(out, day);
			out->text(out->ctx, report_unit_name(&c->units[u], rc));
			out->text(out->ctx, k < c->n_courses ? c->courses[k].slug : "all");
			out->text(out->ctx, k < c->n_courses ? c->courses[k].title : "Alla kurser");
			if (hidden) {
				for (int i = 0; i < 5; i++)
					out->empty(out->ctx);
			} else {
				out->integer(out->ctx, cell->assigned);
				out->integer(out->ctx, cell->passed);
				out->integer(out->ctx, cell->overdue);
				out->integer(out->ctx, cell->refresh_due);
				out->real(out->ctx, cell->share, 1);
			}
			out->integer(out->ctx, hidden);
			out->end_row(out->ctx);
		}
	}
}

void report_rows_completion(const struct measure_completion *c, const struct report_context *rc,
			    const struct report_sink *out)
{
	static const char *const cols[] = {"period",       "date",           "unit",      "course",
					   "course_title", "assigned",       "passed",    "overdue",
					   "refresh_due",  "completion_pct", "suppressed"};

	out->header(out->ctx, cols, sizeof(cols) / sizeof(*cols));
	completion_period(c, c->cells, "current", c->day, rc, out);
	completion_period(c, c->prev_cells, "previous", c->prev_day, rc, out);
}

/* ------------------------------------------------------------------ */

static void level_row(const struct measure_levels *l, const struct measure_cell *cell,
		      const char *period, struct measure_window w, size_t unit, size_t t,
		      const struct report_context *rc, const struct report_sink *out)
{
	bool hidden = cell->state != SUPPRESS_SHOWN;

	out->text(out->ctx, period);
	date_cell(out, w.from_day);
	date_cell(out, w.to_day);
	out->text(out->ctx, report_unit_name(&l->units[unit], rc));
	out->text(out->ctx, t < l->n_topics ? l->topics[t].slug : "all");
	out->text(out->ctx, t < l->n_topics ? l->topics[t].name_sv : "Alla ämnen");
	if (hidden) {
		out->empty(out->ctx);
		out->empty(out->ctx);
	} else {
		out->integer(out->ctx, cell->n);
		out->real(out->ctx, cell->value, 1);
	}
	out->integer(out->ctx, hidden);
	out->end_row(out->ctx);
}

void report_rows_levels(const struct measure_levels *l, const struct report_context *rc,
			const struct report_sink *out)
{
	static const char *const cols[] = {"period", "from",      "to",
					   "unit",   "topic",     "topic_name",
					   "people", "level_pct", "suppressed"};
	size_t n = l->n_topics + 1;

	out->header(out->ctx, cols, sizeof(cols) / sizeof(*cols));
	for (size_t u = 0; u < l->n_units; u++)
		for (size_t t = 0; t < n; t++)
			level_row(l, &l->cells[u * n + t], "current", l->current, u, t, rc, out);
	for (size_t u = 0; u < l->n_units; u++)
		for (size_t t = 0; t < n; t++)
			level_row(l, &l->prev_cells[u * n + t], "previous", l->previous, u, t, rc,
				  out);
	for (size_t q = 0; q < l->n_quarters; q++)
		for (size_t t = 0; t < n; t++)
			level_row(l, &l->trend[q * n + t], "quarter", l->quarters[q], 0, t, rc,
				  out);
}

/* ------------------------------------------------------------------ */

static void gains_period(const struct measure_gains *g, const struct measure_gain_cell *cells,
			 const char *period, struct measure_window w,
			 const struct report_context *rc, const struct report_sink *out)
{
	for (size_t u = 0; u < g->n_units; u++) {
		for (size_t c = 0; c < g->n_courses; c++) {
			const struct measure_gain_cell *cell = &cells[u * g->n_courses + c];
			bool hidden = cell->state != SUPPRESS_SHOWN;

			out->text(out->ctx, period);
			date_cell(out, w.from_day);
			date_cell(out, w.to_day);
			out->text(out->ctx, report_unit_name(&g->units[u], rc));
			out->text(out->ctx, g->courses[c].slug);
			out->text(out->ctx, g->courses[c].title);
			if (hidden) {
				for (int i = 0; i < 4; i++)
					out->empty(out->ctx);
			} else {
				out->integer(out->ctx, cell->n);
				out->real(out->ctx, cell->pre, 1);
				out->real(out->ctx, cell->post, 1);
				out->real(out->ctx, cell->gain, 2);
			}
			out->integer(out->ctx, hidden);
			out->end_row(out->ctx);
		}
	}
}

/* The scope's row over every course (course "all"). */
static void gains_total(const struct measure_gains *g, const struct measure_gain_cell *cell,
			const char *period, struct measure_window w,
			const struct report_context *rc, const struct report_sink *out)
{
	bool hidden = cell->state != SUPPRESS_SHOWN;

	out->text(out->ctx, period);
	date_cell(out, w.from_day);
	date_cell(out, w.to_day);
	out->text(out->ctx, report_unit_name(&g->units[0], rc));
	out->text(out->ctx, "all");
	out->text(out->ctx, "Alla kurser");
	if (hidden) {
		for (int i = 0; i < 4; i++)
			out->empty(out->ctx);
	} else {
		out->integer(out->ctx, cell->n);
		out->real(out->ctx, cell->pre, 1);
		out->real(out->ctx, cell->post, 1);
		out->real(out->ctx, cell->gain, 2);
	}
	out->integer(out->ctx, hidden);
	out->end_row(out->ctx);
}

void report_rows_gains(const struct measure_gains *g, const struct report_context *rc,
		       const struct report_sink *out)
{
	static const char *const cols[] = {
	    "period",       "from",   "to",      "unit",     "course",
	    "course_title", "people", "pre_pct", "post_pct", "normalised_gain",
	    "suppressed"};

	out->header(out->ctx, cols, sizeof(cols) / sizeof(*cols));
	gains_period(g, g->cells, "current", g->current, rc, out);
	gains_period(g, g->prev_cells, "previous", g->previous, rc, out);
	if (g->n_units) {
		gains_total(g, &g->total, "current", g->current, rc, out);
		gains_total(g, &g->prev_total, "previous", g->previous, rc, out);
	}
}

/* ------------------------------------------------------------------ */

void report_rows_items_header(const struct report_sink *out)
{
	static const char *const cols[] = {
	    "course",
	    "question",
	    "version",
	    "current",
	    "topic",
	    "type",
	    "attempts",
	    "facility_pct",
	    "sd_pct",
	    "discrimination",
	    "efficiency_pct",
	    "flags",
	    "course_attempts",
	    "alpha",
	    "error_ratio_pct",
	    "standard_error_pct",
	    "stem",
	};

	out->header(out->ctx, cols, sizeof(cols) / sizeof(*cols));
}

void report_rows_items(const struct itemstats_report *r, const struct report_sink *out)
{
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct itemstats_row *row = &r->rows[i];
		char flags[128];

		out->text(out->ctx, r->course_slug);
		out->text(out->ctx, row->name);
		out->integer(out->ctx, row->version);
		out->integer(out->ctx, row->current);
		out->text(out->ctx, row->topic);
		out->text(out->ctx, row->type);
		out->integer(out->ctx, (long long)row->stats.n);
		out->real(out->ctx, row->stats.facility, 1);
		out->real(out->ctx, row->stats.sd, 1);
		out->real(out->ctx, row->stats.discrimination, 1);
		out->real(out->ctx, row->stats.efficiency, 1);
		out->text(out->ctx, itemstats_flag_text(row->stats.flags, flags, sizeof(flags)));
		out->integer(out->ctx, (long long)r->test.n);
		out->real(out->ctx, r->test.alpha, 3);
		out->real(out->ctx, r->test.error_ratio, 1);
		out->real(out->ctx, r->test.se, 1);
		out->text(out->ctx, row->stem);
		out->end_row(out->ctx);
	}
}

/* ------------------------------------------------------------------ */

static const char *scale_type(size_t s)
{
	return s == 0 ? "all" : s <= SURVEY_DIMENSION_COUNT ? "dimension" : "area";
}

static void survey_cell_row(const struct survey_round *round, const char *unit, const char *type,
			    const char *scale, const char *name, const struct survey_cell *cell,
			    const struct report_sink *out)
{
	bool hidden = cell->state != SUPPRESS_SHOWN;

	out->text(out->ctx, round->name);
	date_cell(out, round->opens);
	date_cell(out, round->closes);
	out->text(out->ctx, unit);
	out->text(out->ctx, type);
	out->text(out->ctx, scale);
	out->text(out->ctx, name);
	if (hidden) {
		for (int i = 0; i < 3; i++)
			out->empty(out->ctx);
	} else {
		out->integer(out->ctx, cell->n);
		out->real(out->ctx, cell->mean, 2);
		out->real(out->ctx, cell->favourable, 1);
	}
	out->integer(out->ctx, hidden);
	out->end_row(out->ctx);
}

void report_rows_survey(const struct survey_results *s, const struct report_context *rc,
			const struct report_sink *out)
{
	static const char *const cols[] = {"round",      "opens",          "closes",     "unit",
					   "scale_type", "scale",          "scale_name", "sheets",
					   "mean",       "favourable_pct", "suppressed"};
	const char *scope;

	out->header(out->ctx, cols, sizeof(cols) / sizeof(*cols));
	/* No round with answers yet: the header alone. */
	if (s == NULL)
		return;
	scope = report_unit_name(&s->units[0], rc);
	/* Participation in the scope: people who took part of the active. */
	{
		struct survey_cell part = {s->participants, NAN,
					   s->active ? 100.0 * s->participants / s->active : NAN,
					   SUPPRESS_SHOWN};

		survey_cell_row(&s->round, scope, "participation", "participation", "Deltagande",
				&part, out);
	}
	for (size_t u = 0; u < s->n_units; u++)
		for (size_t k = 0; k < SURVEY_N_SCALES; k++)
			survey_cell_row(&s->round, report_unit_name(&s->units[u], rc),
					scale_type(k), survey_scale_key(k), survey_scale_name_sv(k),
					&s->cells[u * SURVEY_N_SCALES + k], out);
	for (size_t i = 0; i < s->n_items; i++)
		survey_cell_row(&s->round, scope, "item", s->items[i].name, s->items[i].text,
				&s->items[i].cell, out);
	if (s->has_prev)
		for (size_t u = 0; u < s->n_units; u++)
			for (size_t k = 0; k < SURVEY_N_SCALES; k++)
				survey_cell_row(&s->prev, report_unit_name(&s->units[u], rc),
						scale_type(k), survey_scale_key(k),
						survey_scale_name_sv(k),
						&s->prev_cells[u * SURVEY_N_SCALES + k], out);
}

/* ------------------------------------------------------------------ */

struct responses_ctx {
	const struct report_sink *out;
	const struct report_context *rc;
};

static int response_row(void *ctx, const struct measure_response_row *row)
{
	struct responses_ctx *c = ctx;
	const struct report_sink *out = c->out;

	out->integer(out->ctx, row->attempt_id);
	out->text(out->ctx, row->course);
	out->text(out->ctx, row->question);
	out->integer(out->ctx, row->version);
	out->text(out->ctx, row->topic);
	out->text(out->ctx, row->kind);
	out->text(out->ctx, row->source);
	out->text(out->ctx, row->answered);
	out->real(out->ctx, row->mark, 2);
	out->text(out->ctx, row->unit[0]          ? row->unit
			    : c->rc->organisation ? c->rc->organisation
						  : "");
	out->end_row(out->ctx);
	return 0;
}

int report_rows_responses(struct store *store, const struct measure_scope *scope,
			  const struct report_context *rc, const struct report_sink *out,
			  char **cause)
{
	static const char *const cols[] = {"attempt", "course", "question", "version", "topic",
					   "kind",    "source", "answered", "mark",    "unit"};
	struct responses_ctx ctx = {out, rc};

	out->header(out->ctx, cols, sizeof(cols) / sizeof(*cols));
	return measure_responses(store, scope, response_row, &ctx, cause);
}

/* ------------------------------------------------------------------ */

void report_items_text(const struct itemstats_report *r, FILE *fp)
{
	struct report_text t;
	struct report_sink s;
	static const char *const cols[] = {"#",  "question", "v",   "n",    "facility",
					   "sd", "disc",     "eff", "flags"};
	char buf[64];

	report_text_init(&t, '.');
	s = report_text_sink(&t);
	s.header(s.ctx, cols, sizeof(cols) / sizeof(*cols));
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct itemstats_row *row = &r->rows[i];
		char flags[128];

		s.integer(s.ctx, (long long)i + 1);
		if (row->current) {
			s.text(s.ctx, row->name);
		} else {
			snprintf(buf, sizeof(buf), "%s (old)", row->name);
			s.text(s.ctx, buf);
		}
		s.integer(s.ctx, row->version);
		s.integer(s.ctx, (long long)row->stats.n);
		s.real(s.ctx, row->stats.facility, 1);
		s.real(s.ctx, row->stats.sd, 1);
		s.real(s.ctx, row->stats.discrimination, 1);
		s.real(s.ctx, row->stats.efficiency, 1);
		s.text(s.ctx, itemstats_flag_text(row->stats.flags, flags, sizeof(flags)));
		s.end_row(s.ctx);
	}
	fprintf(fp, "%s: %s\n", r->course_slug, r->course_title);
	fprintf(fp, "first quiz attempts: %zu; mean %s%%, ", r->test.n,
		report_number(r->test.mean, 1, '.', buf, sizeof(buf)));
	fprintf(fp, "median %s%%, ", report_number(r->test.median, 1, '.', buf, sizeof(buf)));
	fprintf(fp, "sd %s%%\n", report_number(r->test.sd, 1, '.', buf, sizeof(buf)));
	if (isnan(r->test.alpha))
		fprintf(fp, "Cronbach's alpha: - (too few attempts with the same questions)\n\n");
	else
		fprintf(fp,
			"Cronbach's alpha: %.3f over %zu attempts of %zu questions; error ratio "
			"%.1f%%; standard error %.1f%%\n\n",
			r->test.alpha, r->test.n_alpha, r->test.items_alpha, r->test.error_ratio,
			r->test.se);
	report_text_print(&t, fp);
	fprintf(fp,
		"\nfacility = mean mark (%%); sd in %% of the mark; disc = 100 x correlation "
		"with the rest of the quiz;\neff = discriminative efficiency (%%). Flagged (with "
		"%d or more attempts): facility above %.0f or below %.0f,\ndiscrimination below "
		"%.0f. Each person's first quiz attempt counts (Moodle's default).\n",
		ITEMSTATS_MIN_FLAG, ITEMSTATS_EASY, ITEMSTATS_HARD, ITEMSTATS_LOW_DISCRIMINATION);
}
