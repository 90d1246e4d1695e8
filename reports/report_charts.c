/*
 * The chart and table pages of the report PDF: completion per unit (bars),
 * level per unit and topic (a heat-map table), the level per quarter (a
 * line chart and its table), gains per course, the culture survey, and the
 * questions to review. Drawn in shades of grey with the figures written
 * out, so the pages print well in black and white and never rely on colour.
 * Units are in tree order, down to the enheter (deeper rows are in the CSV).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/day.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "reports/doc.h"
#include "reports/report_pdf_internal.h"

#define ROW   14.0
#define SMALL 8.0

static const char *const months_sv[] = {"jan", "feb", "mar", "apr", "maj", "jun",
					"jul", "aug", "sep", "okt", "nov", "dec"};

static const char *month_year(int day, char *buf, size_t size)
{
	int y, m, d;

	day_to_civil(day, &y, &m, &d);
	snprintf(buf, size, "%s %d", months_sv[m - 1], y);
	return buf;
}

static const char *date_sv(int day, char *buf, size_t size)
{
	char iso[DAY_ISO_SIZE];

	return doc_date_sv(day_format(day, iso), buf, size);
}

/* A unit's label, indented by depth, in the label column. */
static void unit_label(struct rp *rp, const struct measure_unit *u, double x, double width,
		       double size)
{
	double indent = 7.0 * u->depth;
	const char *name = u->id == 0 ? rp->organisation : u->depth == 0 ? u->path : u->name;
	char *fit = rp_fit(rp, u->depth == 0 ? PDF_BOLD : PDF_REGULAR, size, name, width - indent);

	pdf_text(rp->pdf, u->depth == 0 ? PDF_BOLD : PDF_REGULAR, size, x + indent, rp->y, 0,
		 PDF_LEFT, fit);
	free(fit);
}

/* ------------------------------------------------------------------ */
/* Completion                                                         */

#define BAR_X (DOC_MARGIN + 175)
#define BAR_W 220.0

static void completion_header(struct rp *rp)
{
	pdf_text(rp->pdf, PDF_BOLD, SMALL, DOC_MARGIN, rp->y, 0, PDF_LEFT, "Enhet");
	for (int p = 0; p <= 100; p += 25) {
		char buf[16];

		snprintf(buf, sizeof(buf), "%d %%", p);
		pdf_text(rp->pdf, PDF_REGULAR, 7, BAR_X + BAR_W * p / 100.0 - 20, rp->y, 40,
			 PDF_CENTER, buf);
	}
	pdf_text(rp->pdf, PDF_BOLD, SMALL, BAR_X + BAR_W + 4, rp->y, 46, PDF_RIGHT, "Andel");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, BAR_X + BAR_W + 52, rp->y, 46, PDF_RIGHT, "Kurser");
	rp->y += ROW;
}

void rp_completion_page(struct rp *rp)
{
	size_t cols = rp->comp.n_courses + 1;
	char a[48], b[48], line[400];
	bool any = false;

	rp_heading(rp, "Genomförande per enhet", true);
	snprintf(line, sizeof(line),
		 "Andel genomförda av de tilldelade kurserna för alla medarbetare den %s. "
		 "Strecket visar andelen dagen före perioden. Kurser = antal tilldelade kurser "
		 "(personer × kurser).",
		 date_sv(rp->comp.day, a, sizeof(a)));
	rp_text(rp, PDF_REGULAR, 9.5, 0, line, 8);
	completion_header(rp);
	for (size_t r = 0; r < rp->comp.n_units; r++) {
		const struct measure_completion_cell *c = &rp->comp.cells[r * cols + cols - 1];
		const struct measure_completion_cell *p = &rp->comp.prev_cells[r * cols + cols - 1];

		if (!rp_unit_shown(rp, r) || c->people == 0)
			continue;
		if (rp->y + ROW > DOC_BODY_BOTTOM) {
			rp_page(rp);
			completion_header(rp);
		}
		any = true;
		unit_label(rp, &rp->comp.units[r], DOC_MARGIN, 170, SMALL);
		pdf_fill_rect(rp->pdf, BAR_X, rp->y + 1, BAR_W, ROW - 4, 0.93);
		if (c->state == SUPPRESS_SHOWN) {
			pdf_fill_rect(rp->pdf, BAR_X, rp->y + 1, BAR_W * c->share / 100.0, ROW - 4,
				      0.45);
			if (p->state == SUPPRESS_SHOWN && !isnan(p->share)) {
				double x = BAR_X + BAR_W * p->share / 100.0;

				pdf_line(rp->pdf, x, rp->y - 1, x, rp->y + ROW - 1, 1.4, 0);
			}
			pdf_text(rp->pdf, PDF_REGULAR, SMALL, BAR_X + BAR_W + 4, rp->y, 46,
				 PDF_RIGHT, report_number(c->share, 1, ',', a, sizeof(a)));
			snprintf(b, sizeof(b), "%ld", c->assigned);
			pdf_text(rp->pdf, PDF_REGULAR, SMALL, BAR_X + BAR_W + 52, rp->y, 46,
				 PDF_RIGHT, b);
		} else {
			pdf_text(rp->pdf, PDF_REGULAR, SMALL, BAR_X + 4, rp->y, 0, PDF_LEFT,
				 rp_cell_text(rp, NAN, c->state, 0, a, sizeof(a)));
		}
		rp->y += ROW;
	}
	if (!any)
		rp_text(rp, PDF_REGULAR, 10, 0, "Inga tilldelade kurser.", 6);
	/* Per course, for the scope. */
	rp->y += 10;
	rp_need(rp, 3 * ROW);
	pdf_text(rp->pdf, PDF_BOLD, 11, DOC_MARGIN, rp->y, 0, PDF_LEFT, "Per kurs");
	rp->y += 18;
	pdf_text(rp->pdf, PDF_BOLD, SMALL, DOC_MARGIN, rp->y, 0, PDF_LEFT, "Kurs");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, DOC_MARGIN + 260, rp->y, 55, PDF_RIGHT, "Tilldelade");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, DOC_MARGIN + 320, rp->y, 55, PDF_RIGHT, "Genomförda");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, DOC_MARGIN + 380, rp->y, 50, PDF_RIGHT, "Försenade");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, DOC_MARGIN + 435, rp->y, 58, PDF_RIGHT, "Repetition");
	rp->y += ROW;
	for (size_t k = 0; k < cols; k++) {
		const struct measure_completion_cell *c = &rp->comp.cells[k];
		const char *title =
		    k < rp->comp.n_courses ? rp->comp.courses[k].title : "Alla medarbetarkurser";
		char *fit;

		if (c->people == 0)
			continue;
		rp_need(rp, ROW);
		fit = rp_fit(rp, k + 1 == cols ? PDF_BOLD : PDF_REGULAR, SMALL, title, 255);
		pdf_text(rp->pdf, k + 1 == cols ? PDF_BOLD : PDF_REGULAR, SMALL, DOC_MARGIN, rp->y,
			 0, PDF_LEFT, fit);
		free(fit);
		if (c->state == SUPPRESS_SHOWN) {
			snprintf(a, sizeof(a), "%ld", c->assigned);
			pdf_text(rp->pdf, PDF_REGULAR, SMALL, DOC_MARGIN + 260, rp->y, 55,
				 PDF_RIGHT, a);
			snprintf(a, sizeof(a), "%s %%",
				 report_number(c->share, 1, ',', b, sizeof(b)));
			pdf_text(rp->pdf, PDF_REGULAR, SMALL, DOC_MARGIN + 320, rp->y, 55,
				 PDF_RIGHT, a);
			snprintf(a, sizeof(a), "%ld", c->overdue);
			pdf_text(rp->pdf, PDF_REGULAR, SMALL, DOC_MARGIN + 380, rp->y, 50,
				 PDF_RIGHT, a);
			snprintf(a, sizeof(a), "%ld", c->refresh_due);
			pdf_text(rp->pdf, PDF_REGULAR, SMALL, DOC_MARGIN + 435, rp->y, 58,
				 PDF_RIGHT, a);
		} else {
			pdf_text(rp->pdf, PDF_REGULAR, SMALL, DOC_MARGIN + 260, rp->y, 233,
				 PDF_RIGHT, rp_cell_text(rp, NAN, c->state, 0, a, sizeof(a)));
		}
		rp->y += ROW;
	}
}

/* ------------------------------------------------------------------ */
/* Levels: heat map                                                   */

#define HEAT_LABEL 128.0

/* Grey for a level: darker is lower. */
static double heat_grey(double v)
{
	return v >= 90 ? 0.95 : v >= 80 ? 0.84 : v >= 70 ? 0.70 : v >= 60 ? 0.52 : 0.32;
}

static void heat_header(struct rp *rp, double cw)
{
	size_t cols = rp->lev.n_topics + 1;

	pdf_text(rp->pdf, PDF_BOLD, SMALL, DOC_MARGIN, rp->y, 0, PDF_LEFT, "Enhet");
	for (size_t t = 0; t < cols; t++) {
		char buf[32];

		if (t < rp->lev.n_topics)
			snprintf(buf, sizeof(buf), "%zu", t + 1);
		else
			snprintf(buf, sizeof(buf), "Alla");
		pdf_text(rp->pdf, PDF_BOLD, 7, DOC_MARGIN + HEAT_LABEL + cw * (double)t, rp->y, cw,
			 PDF_CENTER, buf);
	}
	rp->y += ROW;
}

void rp_levels_page(struct rp *rp)
{
	size_t cols = rp->lev.n_topics + 1;
	double cw = (DOC_WIDTH - HEAT_LABEL) / (double)cols;
	char a[48], b[48], line[400];
	static const struct {
		double grey;
		const char *text;
	} legend[] = {{0.95, "90–100"},
		      {0.84, "80–90"},
		      {0.70, "70–80"},
		      {0.52, "60–70"},
		      {0.32, "under 60"}};

	rp_heading(rp, "Kunskapsnivå per enhet och ämne", true);
	snprintf(
	    line, sizeof(line),
	    "Andel rätt (%%) på de senaste svaren per fråga, %s – %s. Mörkare ruta = lägre "
	    "nivå. Kolumnernas nummer är ämnena i listan under tabellen. \"<%ld\" = färre än %ld "
	    "personer; \"dold\" = dold för att skydda en liten grupp; \"–\" = inga svar.",
	    date_sv(rp->lev.current.from_day, a, sizeof(a)),
	    date_sv(rp->lev.current.to_day, b, sizeof(b)), rp->scope.k, rp->scope.k);
	rp_text(rp, PDF_REGULAR, 9.5, 0, line, 8);
	heat_header(rp, cw);
	for (size_t r = 0; r < rp->lev.n_units; r++) {
		if (rp->lev.units[r].depth > rp->max_depth ||
		    rp->lev.cells[r * cols + cols - 1].n == 0)
			continue;
		if (rp->y + ROW > DOC_BODY_BOTTOM) {
			rp_page(rp);
			heat_header(rp, cw);
		}
		unit_label(rp, &rp->lev.units[r], DOC_MARGIN, HEAT_LABEL - 4, 7.5);
		for (size_t t = 0; t < cols; t++) {
			const struct measure_cell *c = &rp->lev.cells[r * cols + t];
			double x = DOC_MARGIN + HEAT_LABEL + cw * (double)t;
			const char *text;
			double grey = 1;

			if (c->n == 0) {
				text = "–";
			} else if (c->state == SUPPRESS_SMALL) {
				snprintf(a, sizeof(a), "<%ld", rp->scope.k);
				text = a;
			} else if (c->state == SUPPRESS_SECONDARY) {
				text = "dold";
			} else {
				grey = heat_grey(c->value);
				text = report_number(c->value, 1, ',', a, sizeof(a));
			}
			if (grey < 1)
				pdf_fill_rect(rp->pdf, x + 0.5, rp->y - 1, cw - 1, ROW - 1, grey);
			pdf_rect(rp->pdf, x + 0.5, rp->y - 1, cw - 1, ROW - 1, 0.3, 0.75);
			/* White on the two darkest shades. */
			if (grey < 0.6) {
				pdf_fill_rect(rp->pdf, x + cw / 2 - 9, rp->y + 1.5, 18, 8.5, 1);
			}
			pdf_text(rp->pdf, PDF_REGULAR, 6.2, x, rp->y + 2, cw, PDF_CENTER, text);
		}
		rp->y += ROW;
	}
	/* Topics and shades. */
	rp->y += 10;
	rp_need(rp, ROW * (double)(cols / 2 + 2));
	for (size_t t = 0; t < rp->lev.n_topics; t++) {
		double x = DOC_MARGIN + (t % 2 ? DOC_WIDTH / 2 : 0);

		snprintf(line, sizeof(line), "%zu  %s", t + 1, rp->lev.topics[t].name_sv);
		pdf_text(rp->pdf, PDF_REGULAR, SMALL, x, rp->y, 0, PDF_LEFT, line);
		if (t % 2 || t + 1 == rp->lev.n_topics)
			rp->y += 12;
	}
	rp->y += 8;
	rp_need(rp, ROW);
	for (size_t i = 0; i < sizeof(legend) / sizeof(*legend); i++) {
		double x = DOC_MARGIN + 90.0 * (double)i;

		pdf_fill_rect(rp->pdf, x, rp->y, 16, 10, legend[i].grey);
		pdf_rect(rp->pdf, x, rp->y, 16, 10, 0.3, 0.5);
		pdf_text(rp->pdf, PDF_REGULAR, 7.5, x + 20, rp->y + 1, 0, PDF_LEFT, legend[i].text);
	}
	rp->y += ROW + 4;
}

/* ------------------------------------------------------------------ */
/* Levels over time                                                   */

void rp_trend_page(struct rp *rp)
{
	size_t q = rp->lev.n_quarters, cols = rp->lev.n_topics + 1;
	double left = DOC_MARGIN + 30, width = DOC_WIDTH - 40, top, height = 180;
	double lo = 100, step;
	char a[48], line[300];
	double px = 0, py = 0;
	bool have_prev = false;

	rp_heading(rp, "Kunskapsnivå över tid", true);
	rp_text(rp, PDF_REGULAR, 9.5, 0,
		"Kunskapsnivån (andel rätt på de senaste svaren per fråga) under de 12 månader som "
		"slutar vid varje kvartals slut; sista punkten slutar vid periodens slut. Tabellen "
		"under diagrammet har samma mått per ämne.",
		10);
	for (size_t i = 0; i < q; i++) {
		const struct measure_cell *c = &rp->lev.trend[i * cols + cols - 1];

		if (c->state == SUPPRESS_SHOWN && !isnan(c->value) && c->value < lo)
			lo = c->value;
	}
	lo = floor((lo - 5) / 10) * 10;
	if (lo < 0)
		lo = 0;
	if (lo > 80)
		lo = 80;
	top = rp->y + 8;
	/* Grid and scale. */
	for (double v = lo; v <= 100.001; v += 10) {
		double y = top + height * (100 - v) / (100 - lo);

		pdf_line(rp->pdf, left, y, left + width, y, 0.3, v == lo ? 0 : 2);
		snprintf(a, sizeof(a), "%.0f %%", v);
		pdf_text(rp->pdf, PDF_REGULAR, 7, DOC_MARGIN, y - 4, 26, PDF_RIGHT, a);
	}
	/* Points inset from the axis so their labels stay clear of the scale. */
	step = q > 1 ? (width - 50) / (double)(q - 1) : 0;
	for (size_t i = 0; i < q; i++) {
		const struct measure_cell *c = &rp->lev.trend[i * cols + cols - 1];
		double x = left + 25 + step * (double)i;
		char m[32];

		month_year(rp->lev.quarters[i].to_day, m, sizeof(m));
		pdf_text(rp->pdf, PDF_REGULAR, 7, x - 30, top + height + 6, 60, PDF_CENTER, m);
		if (c->state != SUPPRESS_SHOWN || isnan(c->value)) {
			pdf_text(rp->pdf, PDF_REGULAR, 6.5, x - 30, top + height - 12, 60,
				 PDF_CENTER, rp_cell_text(rp, c->value, c->state, 1, a, sizeof(a)));
			have_prev = false;
			continue;
		}
		{
			double y = top + height * (100 - c->value) / (100 - lo);

			if (have_prev)
				pdf_line(rp->pdf, px, py, x, y, 2, 0);
			pdf_fill_rect(rp->pdf, x - 2.5, y - 2.5, 5, 5, 0);
			/* A white ground keeps the label clear of the grid lines. */
			pdf_fill_rect(rp->pdf, x - 13, y - 14, 26, 9.5, 1);
			pdf_text(rp->pdf, PDF_BOLD, 7.5, x - 30, y - 14, 60, PDF_CENTER,
				 report_number(c->value, 1, ',', a, sizeof(a)));
			px = x;
			py = y;
			have_prev = true;
		}
	}
	rp->y = top + height + 26;
	/* The table: topics by point. */
	{
		double label = 150, cw = (DOC_WIDTH - label) / (double)(q ? q : 1);

		rp_need(rp, ROW * 3);
		pdf_text(rp->pdf, PDF_BOLD, 7.5, DOC_MARGIN, rp->y, 0, PDF_LEFT, "Ämne");
		for (size_t i = 0; i < q; i++) {
			char m[32];

			pdf_text(rp->pdf, PDF_BOLD, 7, DOC_MARGIN + label + cw * (double)i, rp->y,
				 cw, PDF_RIGHT,
				 month_year(rp->lev.quarters[i].to_day, m, sizeof(m)));
		}
		rp->y += ROW;
		for (size_t t = 0; t < cols; t++) {
			const char *name =
			    t < rp->lev.n_topics ? rp->lev.topics[t].name_sv : "Alla ämnen";
			char *fit = rp_fit(rp, t + 1 == cols ? PDF_BOLD : PDF_REGULAR, 7.5, name,
					   label - 4);

			rp_need(rp, 12);
			pdf_text(rp->pdf, t + 1 == cols ? PDF_BOLD : PDF_REGULAR, 7.5, DOC_MARGIN,
				 rp->y, 0, PDF_LEFT, fit);
			free(fit);
			for (size_t i = 0; i < q; i++) {
				const struct measure_cell *c = &rp->lev.trend[i * cols + t];

				if (c->n == 0)
					snprintf(line, sizeof(line), "–");
				else
					snprintf(
					    line, sizeof(line), "%s",
					    rp_cell_text(rp, c->value, c->state, 1, a, sizeof(a)));
				pdf_text(rp->pdf, PDF_REGULAR, 7,
					 DOC_MARGIN + label + cw * (double)i, rp->y, cw, PDF_RIGHT,
					 line);
			}
			rp->y += 12;
		}
		/* The people behind the overall level at each point. */
		rp_need(rp, 12);
		pdf_text(rp->pdf, PDF_REGULAR, 7.5, DOC_MARGIN, rp->y, 0, PDF_LEFT,
			 "Personer bakom (alla ämnen)");
		for (size_t i = 0; i < q; i++) {
			const struct measure_cell *c = &rp->lev.trend[i * cols + cols - 1];

			if (c->state == SUPPRESS_SHOWN)
				snprintf(line, sizeof(line), "%ld", c->n);
			else
				snprintf(line, sizeof(line), "%s",
					 rp_cell_text(rp, NAN, c->state, 0, a, sizeof(a)));
			pdf_text(rp->pdf, PDF_REGULAR, 7, DOC_MARGIN + label + cw * (double)i,
				 rp->y, cw, PDF_RIGHT, line);
		}
		rp->y += 12;
	}
}

/* ------------------------------------------------------------------ */
/* Gains                                                              */

#define G_N     (DOC_MARGIN + 190)
#define G_PRE   (DOC_MARGIN + 235)
#define G_POST  (DOC_MARGIN + 280)
#define G_G     (DOC_MARGIN + 318)
#define G_PREV  (DOC_MARGIN + 356)
#define G_BAR   (DOC_MARGIN + 405)
#define G_BAR_W 88.0

static void gain_row(struct rp *rp, const char *title, const struct measure_gain_cell *c,
		     const struct measure_gain_cell *p, bool bold)
{
	enum pdf_font f = bold ? PDF_BOLD : PDF_REGULAR;
	char *fit = rp_fit(rp, f, SMALL, title, 185);
	char a[48];

	rp_need(rp, ROW);
	pdf_text(rp->pdf, f, SMALL, DOC_MARGIN, rp->y, 0, PDF_LEFT, fit);
	free(fit);
	if (c->state != SUPPRESS_SHOWN) {
		pdf_text(rp->pdf, PDF_REGULAR, SMALL, G_N - 40, rp->y, 80, PDF_RIGHT,
			 rp_cell_text(rp, NAN, c->state, 0, a, sizeof(a)));
	} else {
		snprintf(a, sizeof(a), "%ld", c->n);
		pdf_text(rp->pdf, f, SMALL, G_N, rp->y, 40, PDF_RIGHT, a);
		pdf_text(rp->pdf, f, SMALL, G_PRE, rp->y, 40, PDF_RIGHT,
			 report_number(c->pre, 1, ',', a, sizeof(a)));
		pdf_text(rp->pdf, f, SMALL, G_POST, rp->y, 40, PDF_RIGHT,
			 report_number(c->post, 1, ',', a, sizeof(a)));
		pdf_text(rp->pdf, f, SMALL, G_G, rp->y, 34, PDF_RIGHT,
			 isnan(c->gain) ? "–" : report_number(c->gain, 2, ',', a, sizeof(a)));
		/* pre to post on a 0-100 scale; nobody behind the row (n = 0)
		 * has no means, and a NaN coordinate would corrupt the page. */
		if (!isnan(c->pre) && !isnan(c->post)) {
			double x1 = G_BAR + G_BAR_W * c->pre / 100.0;
			double x2 = G_BAR + G_BAR_W * c->post / 100.0;

			pdf_line(rp->pdf, G_BAR, rp->y + 5, G_BAR + G_BAR_W, rp->y + 5, 0.3, 1.5);
			pdf_line(rp->pdf, x1, rp->y + 5, x2, rp->y + 5, 1.6, 0);
			pdf_fill_rect(rp->pdf, x1 - 2.5, rp->y + 2.5, 5, 5, 0.6);
			pdf_fill_rect(rp->pdf, x2 - 2.5, rp->y + 2.5, 5, 5, 0);
		}
	}
	if (p->state == SUPPRESS_SHOWN && p->n > 0)
		pdf_text(rp->pdf, PDF_REGULAR, SMALL, G_PREV, rp->y, 40, PDF_RIGHT,
			 isnan(p->gain) ? "–" : report_number(p->gain, 2, ',', a, sizeof(a)));
	else if (p->n > 0)
		pdf_text(rp->pdf, PDF_REGULAR, 7, G_PREV, rp->y, 40, PDF_RIGHT,
			 rp_cell_text(rp, NAN, p->state, 0, a, sizeof(a)));
	rp->y += ROW;
}

void rp_gains_page(struct rp *rp)
{
	bool any = false;

	rp_heading(rp, "Förbättring i kurserna", true);
	rp_text(
	    rp, PDF_REGULAR, 9.5, 0,
	    "För dem som gjorde kursens förtest och sedan sitt första kursquiz under perioden: "
	    "medelresultat i procent före och efter kursen, och den normaliserade förbättringen "
	    "g = (quiz − förtest) / (100 − förtest). g = 1 är allt som saknades inlärt, 0 ingen "
	    "förbättring. Grå ruta = förtest, svart = quiz.",
	    10);
	pdf_text(rp->pdf, PDF_BOLD, SMALL, DOC_MARGIN, rp->y, 0, PDF_LEFT, "Kurs");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, G_N, rp->y, 40, PDF_RIGHT, "Personer");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, G_PRE, rp->y, 40, PDF_RIGHT, "Förtest");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, G_POST, rp->y, 40, PDF_RIGHT, "Quiz");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, G_G, rp->y, 34, PDF_RIGHT, "g");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, G_PREV, rp->y, 40, PDF_RIGHT, "g förut");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, G_BAR, rp->y, G_BAR_W, PDF_CENTER, "0 – 100 %");
	rp->y += ROW;
	for (size_t c = 0; c < rp->gains.n_courses; c++) {
		const struct measure_gain_cell *g = &rp->gains.cells[c];
		const struct measure_gain_cell *p = &rp->gains.prev_cells[c];

		if (g->n == 0 && p->n == 0)
			continue;
		gain_row(rp, rp->gains.courses[c].title, g, p, false);
		any = true;
	}
	if (any)
		gain_row(rp, "Alla kurser", &rp->gains.total, &rp->gains.prev_total, true);
	else
		rp_text(rp, PDF_REGULAR, 10, 0,
			"Ingen har gjort både förtest och quiz under perioden.", 6);
}

/* ------------------------------------------------------------------ */
/* The culture survey                                                 */

#define S_MEAN  (DOC_MARGIN + 150)
#define S_BAR   (DOC_MARGIN + 200)
#define S_BAR_W 150.0
#define S_PREV  (DOC_MARGIN + 355)
#define S_FAV   (DOC_MARGIN + 410)
#define S_N     (DOC_MARGIN + 455)

static void survey_row(struct rp *rp, const char *name, const struct survey_cell *c,
		       const struct survey_cell *p, bool bold, double indent)
{
	enum pdf_font f = bold ? PDF_BOLD : PDF_REGULAR;
	char a[48];

	rp_need(rp, ROW);
	pdf_text(rp->pdf, f, SMALL, DOC_MARGIN + indent, rp->y, 0, PDF_LEFT, name);
	if (c->state == SUPPRESS_SHOWN && !isnan(c->mean)) {
		pdf_text(rp->pdf, f, SMALL, S_MEAN, rp->y, 40, PDF_RIGHT,
			 report_number(c->mean, 2, ',', a, sizeof(a)));
		pdf_fill_rect(rp->pdf, S_BAR, rp->y + 1, S_BAR_W, ROW - 4, 0.93);
		pdf_fill_rect(rp->pdf, S_BAR, rp->y + 1, S_BAR_W * (c->mean - 1) / 4.0, ROW - 4,
			      0.45);
		pdf_text(rp->pdf, PDF_REGULAR, SMALL, S_FAV, rp->y, 40, PDF_RIGHT,
			 report_number(c->favourable, 1, ',', a, sizeof(a)));
		snprintf(a, sizeof(a), "%ld", c->n);
		pdf_text(rp->pdf, PDF_REGULAR, SMALL, S_N, rp->y, 38, PDF_RIGHT, a);
	} else {
		pdf_text(rp->pdf, PDF_REGULAR, SMALL, S_BAR + 4, rp->y, 0, PDF_LEFT,
			 rp_cell_text(rp, NAN, c->state, 0, a, sizeof(a)));
	}
	if (p && p->n > 0)
		pdf_text(rp->pdf, PDF_REGULAR, SMALL, S_PREV, rp->y, 45, PDF_RIGHT,
			 rp_cell_text(rp, p->mean, p->state, 2, a, sizeof(a)));
	rp->y += ROW;
}

static void survey_header(struct rp *rp, const char *first, const char *prev)
{
	pdf_text(rp->pdf, PDF_BOLD, SMALL, DOC_MARGIN, rp->y, 0, PDF_LEFT, first);
	pdf_text(rp->pdf, PDF_BOLD, SMALL, S_MEAN, rp->y, 40, PDF_RIGHT, "Medel");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, S_BAR, rp->y, S_BAR_W, PDF_CENTER, "1 – 5");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, S_PREV, rp->y, 45, PDF_RIGHT, prev);
	pdf_text(rp->pdf, PDF_BOLD, SMALL, S_FAV, rp->y, 40, PDF_RIGHT, "Positiva");
	pdf_text(rp->pdf, PDF_BOLD, SMALL, S_N, rp->y, 38, PDF_RIGHT, "Svar");
	rp->y += ROW;
}

void rp_survey_page(struct rp *rp)
{
	const struct survey_results *s = &rp->survey;
	char a[48], b[48], c[48], line[600], prev[64];
	size_t order[256], n = 0;

	rp_heading(rp, "Säkerhetskultur", true);
	if (!rp->has_survey) {
		rp_text(rp, PDF_REGULAR, 10, 0,
			"Ingen enkätomgång med svar ännu. En omgång öppnas med vaksam survey open.",
			6);
		return;
	}
	snprintf(line, sizeof(line),
		 "Enkätomgång %s (%s – %s): %ld av %ld anställda svarade (%s %%). Medel på skalan "
		 "1–5 där 5 alltid är det säkra svaret; positiva = andel svar 4 eller 5 (%%). "
		 "Cronbachs alfa för hela enkäten: %s (%ld fullständiga svar).",
		 s->round.name, date_sv(s->round.opens, a, sizeof(a)),
		 date_sv(s->round.closes, b, sizeof(b)), s->participants, s->active,
		 report_number(s->active ? 100.0 * s->participants / s->active : NAN, 1, ',', c,
			       sizeof(c)),
		 isnan(s->alpha) ? "–" : report_number(s->alpha, 2, ',', prev, sizeof(prev)),
		 s->alpha_n);
	rp_text(rp, PDF_REGULAR, 9.5, 0, line, 10);
	snprintf(prev, sizeof(prev), "%s", s->has_prev ? s->prev.name : "Förra");
	survey_header(rp, "Skala", s->has_prev ? prev : "–");
	for (size_t k = 0; k < SURVEY_N_SCALES; k++) {
		survey_row(rp, survey_scale_name_sv(k), &s->cells[k],
			   s->has_prev ? &s->prev_cells[k] : NULL, k == 0, k == 0 ? 0 : 8);
		if (k == 0 || k == SURVEY_DIMENSION_COUNT)
			rp->y += 4;
	}
	/* Per unit, whole survey. */
	rp->y += 10;
	rp_need(rp, 3 * ROW);
	pdf_text(rp->pdf, PDF_BOLD, 11, DOC_MARGIN, rp->y, 0, PDF_LEFT, "Per enhet, hela enkäten");
	rp->y += 18;
	survey_header(rp, "Enhet", s->has_prev ? prev : "–");
	for (size_t r = 0; r < s->n_units; r++) {
		const struct survey_cell *cell = &s->cells[r * SURVEY_N_SCALES];
		char *fit;

		if (s->units[r].depth > rp->max_depth || cell->n == 0)
			continue;
		fit = rp_fit(rp, s->units[r].depth == 0 ? PDF_BOLD : PDF_REGULAR, SMALL,
			     s->units[r].id == 0      ? rp->organisation
			     : s->units[r].depth == 0 ? s->units[r].path
						      : s->units[r].name,
			     140 - 7.0 * s->units[r].depth);
		survey_row(rp, fit, cell, s->has_prev ? &s->prev_cells[r * SURVEY_N_SCALES] : NULL,
			   s->units[r].depth == 0, 7.0 * s->units[r].depth);
		free(fit);
	}
	rp_text(rp, PDF_REGULAR, 8, 0,
		"Svaren sparas på den minsta enhet som har tillräckligt många anställda och "
		"svarande; de först svarande i små enheter räknas därför bara högre upp.",
		10);
	/* The lowest and highest statements. */
	for (size_t i = 0; i < s->n_items && n < sizeof(order) / sizeof(*order); i++)
		if (s->items[i].cell.state == SUPPRESS_SHOWN && !isnan(s->items[i].cell.mean))
			order[n++] = i;
	for (size_t i = 1; i < n; i++)
		for (size_t j = i;
		     j > 0 && s->items[order[j]].cell.mean < s->items[order[j - 1]].cell.mean;
		     j--) {
			size_t t = order[j];

			order[j] = order[j - 1];
			order[j - 1] = t;
		}
	if (n >= 6) {
		rp_need(rp, 8 * ROW);
		pdf_text(rp->pdf, PDF_BOLD, 11, DOC_MARGIN, rp->y, 0, PDF_LEFT,
			 "Lägst och högst (medel efter omvändning)");
		rp->y += 18;
		for (size_t i = 0; i < 6; i++) {
			const struct survey_item_result *it =
			    &s->items[order[i < 3 ? i : n - 6 + i]];

			snprintf(line, sizeof(line), "%s  %s (%s%s)",
				 report_number(it->cell.mean, 2, ',', a, sizeof(a)), it->text,
				 survey_area_name_sv(it->area),
				 it->reverse ? ", omvänt formulerad" : "");
			rp_text(rp, i < 3 ? PDF_REGULAR : PDF_REGULAR, SMALL, 0, line, 3);
			if (i == 2)
				rp->y += 6;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Questions to review                                                */

size_t rp_flagged_items(const struct rp *rp)
{
	size_t n = 0;

	for (size_t i = 0; i < rp->n_items; i++)
		for (size_t k = 0; k < rp->items[i].n_rows; k++)
			n += rp->items[i].rows[k].stats.flags != 0 && rp->items[i].rows[k].current;
	return n;
}

static void items_header(struct rp *rp)
{
	pdf_text(rp->pdf, PDF_BOLD, 7.5, DOC_MARGIN, rp->y, 0, PDF_LEFT, "Fråga");
	pdf_text(rp->pdf, PDF_BOLD, 7.5, DOC_MARGIN + 150, rp->y, 0, PDF_LEFT, "Varför");
	pdf_text(rp->pdf, PDF_BOLD, 7.5, DOC_MARGIN + 300, rp->y, 55, PDF_RIGHT, "Lätthet %");
	pdf_text(rp->pdf, PDF_BOLD, 7.5, DOC_MARGIN + 360, rp->y, 70, PDF_RIGHT, "Diskriminering");
	pdf_text(rp->pdf, PDF_BOLD, 7.5, DOC_MARGIN + 435, rp->y, 58, PDF_RIGHT, "Svar");
	rp->y += 12;
}

void rp_items_page(struct rp *rp)
{
	char a[48], flags[128], line[600];
	bool any = false;

	rp_heading(rp, "Frågor att se över", true);
	snprintf(
	    line, sizeof(line),
	    "Frågor i nuvarande version som minst %d har besvarat i sitt första kursquiz under "
	    "perioden och som är för lätta (lätthet över %.0f %%), för svåra (under %.0f %%) "
	    "eller skiljer dåligt mellan de som kan mycket och lite (diskriminering under %.0f; "
	    "negativ kan betyda att rätt svar är fel angivet). Frågans text står under raden. "
	    "Hela listan per kurs: vaksam report items KURS.",
	    ITEMSTATS_MIN_FLAG, ITEMSTATS_EASY, ITEMSTATS_HARD, ITEMSTATS_LOW_DISCRIMINATION);
	rp_text(rp, PDF_REGULAR, 9.5, 0, line, 8);
	for (size_t i = 0; i < rp->n_items; i++) {
		const struct itemstats_report *r = &rp->items[i];
		bool heading = false;

		for (size_t k = 0; k < r->n_rows; k++) {
			const struct itemstats_row *row = &r->rows[k];
			char *fit;

			if (!row->stats.flags || !row->current)
				continue;
			if (!heading) {
				char b[48], c[48];

				rp_need(rp, 60);
				snprintf(
				    line, sizeof(line),
				    "%s – %zu första quizförsök, Cronbachs alfa %s, medel %s %%",
				    r->course_title, r->test.n,
				    isnan(r->test.alpha)
					? "–"
					: report_number(r->test.alpha, 2, ',', b, sizeof(b)),
				    report_number(r->test.mean, 1, ',', c, sizeof(c)));
				rp_text(rp, PDF_BOLD, 9, 0, line, 3);
				items_header(rp);
				heading = true;
			}
			if (rp->y + 22 > DOC_BODY_BOTTOM) {
				rp_page(rp);
				items_header(rp);
			}
			fit = rp_fit(rp, PDF_BOLD, SMALL, row->name, 145);
			pdf_text(rp->pdf, PDF_BOLD, SMALL, DOC_MARGIN, rp->y, 0, PDF_LEFT, fit);
			free(fit);
			fit = rp_fit(rp, PDF_REGULAR, SMALL,
				     itemstats_flag_text_sv(row->stats.flags, flags, sizeof(flags)),
				     150);
			pdf_text(rp->pdf, PDF_REGULAR, SMALL, DOC_MARGIN + 150, rp->y, 0, PDF_LEFT,
				 fit);
			free(fit);
			pdf_text(rp->pdf, PDF_REGULAR, SMALL, DOC_MARGIN + 300, rp->y, 55,
				 PDF_RIGHT,
				 report_number(row->stats.facility, 1, ',', a, sizeof(a)));
			pdf_text(
			    rp->pdf, PDF_REGULAR, SMALL, DOC_MARGIN + 360, rp->y, 70, PDF_RIGHT,
			    isnan(row->stats.discrimination)
				? "–"
				: report_number(row->stats.discrimination, 1, ',', a, sizeof(a)));
			snprintf(a, sizeof(a), "%zu", row->stats.n);
			pdf_text(rp->pdf, PDF_REGULAR, SMALL, DOC_MARGIN + 435, rp->y, 58,
				 PDF_RIGHT, a);
			rp->y += 10;
			fit = rp_fit(rp, PDF_REGULAR, 7, row->stem, DOC_WIDTH - 10);
			pdf_text(rp->pdf, PDF_REGULAR, 7, DOC_MARGIN + 10, rp->y, 0, PDF_LEFT, fit);
			free(fit);
			rp->y += 12;
			any = true;
		}
		if (heading)
			rp->y += 6;
	}
	if (!any)
		rp_text(rp, PDF_REGULAR, 10, 0, "Inga frågor behöver ses över för perioden.", 6);
}
