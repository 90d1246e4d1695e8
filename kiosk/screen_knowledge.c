/*
 * "Min kunskap": the person's own knowledge level per topic, as core
 * defines it (measure.h: the share right of their latest answer to each
 * question, over the last 12 months), each with a bar, and below the list
 * the history of the focused line: the level at the end of each of the
 * last quarters. Only the person's own data is read (measure_person_history
 * of app->person_id); nothing of anyone else reaches this screen.
 */
#include "kiosk/kiosk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/day.h"
#include "core/xmalloc.h"

#define BAR_W  10
#define NAME_W 36
/* Columns of one point of the history. */
#define POINT_W 9
/* Rows of the history panel: heading, explanation, labels, bars, values. */
#define HIST_ROWS 5

static void knowledge_leave(struct app *app)
{
	struct knowledge_state *k = &app->knowledge;

	measure_person_history_release(&k->hist);
	free(k->rows);
	doc_release(&k->doc);
	memset(k, 0, sizeof(*k));
}

static size_t cols_of(const struct knowledge_state *k)
{
	return k->hist.n_topics + 1;
}

/* The newest point: the 12 months up to today. */
static size_t now_point(const struct knowledge_state *k)
{
	return k->hist.n_points - 1;
}

static void knowledge_enter(struct app *app)
{
	struct knowledge_state *k = &app->knowledge;
	char *cause = NULL;
	size_t cols;

	knowledge_leave(app);
	if (measure_person_history(app->store, app->person_id, day_today(), &k->hist, &cause) <
	    0) {
		app_error(app, cause);
		return;
	}
	cols = cols_of(k);
	k->rows = xcalloc(cols, sizeof(*k->rows));
	/* The overall level first, then every topic answered at some point. */
	for (size_t p = 0; p < k->hist.n_points; p++)
		k->any = k->any || k->hist.count[p * cols + k->hist.n_topics] > 0;
	if (!k->any)
		return;
	k->rows[k->n_rows++] = k->hist.n_topics;
	for (size_t t = 0; t < k->hist.n_topics; t++) {
		bool answered = false;

		for (size_t p = 0; p < k->hist.n_points; p++)
			answered = answered || k->hist.count[p * cols + t] > 0;
		if (answered)
			k->rows[k->n_rows++] = t;
	}
}

/* The name of a column of the history in the session language. */
static const char *column_name(const struct app *app, size_t col)
{
	const struct knowledge_state *k = &app->knowledge;
	const struct measure_topic *t;

	if (col >= k->hist.n_topics)
		return _("Alla områden");
	t = &k->hist.topics[col];
	return strcmp(app->lang, "en") == 0 && t->name_en ? t->name_en : t->name_sv;
}

static int list_top(void)
{
	return ui_top() + 4;
}

/* The first row of the history panel. */
static int hist_top(void)
{
	return ui_bottom() - HIST_ROWS;
}

static int list_rows(void)
{
	return hist_top() - 1 - list_top();
}

static void knowledge_layout(struct app *app)
{
	struct knowledge_state *k = &app->knowledge;
	struct cellbuf b = {0};
	int width = COLS - 4;
	size_t cols = cols_of(k), now = now_point(k);
	int first, last;

	doc_release(&k->doc);
	if (!k->any) {
		ui_para(&k->doc,
			_("Du har inte svarat på några frågor ännu. När du har gjort en kurs "
			  "visas här hur stor del av dina svar som var rätt inom varje område."),
			0, width, ROLE_NORMAL, -1);
		return;
	}
	for (size_t i = 0; i < k->n_rows; i++) {
		size_t c = k->rows[i];
		bool sel = i == k->sel;
		int n = k->hist.count[now * cols + c];

		cellbuf_reset(&b);
		cellbuf_addstr(&b, sel ? "> " : "  ", sel ? ROLE_SELECTED : ROLE_NORMAL, 0);
		figure_label(&b, column_name(app, c), NAME_W, sel ? ROLE_SELECTED : ROLE_NORMAL,
			     c == k->hist.n_topics ? CELL_BOLD : 0);
		if (n > 0) {
			char *q = xasprintf(ngettext("(%d fråga)", "(%d frågor)", (unsigned long)n),
					    n);

			figure_percent(&b, k->hist.level[now * cols + c], BAR_W);
			cellbuf_addstr(&b, "  ", ROLE_NORMAL, 0);
			cellbuf_addstr(&b, q, ROLE_DIM, 0);
			free(q);
		} else {
			cellbuf_addstr(&b, _("inga svar det senaste året"), ROLE_DIM, 0);
		}
		doc_wrap(&k->doc, b.cells, b.n, 0, 4, width, (int)i);
		if (c == k->hist.n_topics && k->n_rows > 1)
			doc_blank(&k->doc);
	}
	cellbuf_release(&b);
	if (ui_find_tag(&k->doc, (int)k->sel, &first, &last))
		ui_follow(&k->top, first, last, list_rows(), (int)k->doc.n);
}

/* The label of a history point: "K3 2025" for a quarter's end, "I dag"
 * for the newest. */
static void point_label(const struct knowledge_state *k, size_t p, char *buf, size_t size)
{
	int y, m, d;

	if (p == now_point(k)) {
		snprintf(buf, size, "%s", _("I dag"));
		return;
	}
	day_to_civil(k->hist.points[p].to_day, &y, &m, &d);
	snprintf(buf, size, _("K%d %d"), (m - 1) / 3 + 1, y);
}

static void draw_history(const struct app *app)
{
	const struct knowledge_state *k = &app->knowledge;
	size_t cols = cols_of(k), c = k->rows[k->sel];
	int y = hist_top(), x0 = 2;
	size_t first = 0;
	char *title = xasprintf(_("Så har det gått över tid: %s"), column_name(app, c));

	text_draw(y, x0, title, COLS - 4, ROLE_HEADING);
	free(title);
	text_draw(y + 1, x0, _("Andel rätt de 12 månaderna fram till varje kvartals slut."),
		  COLS - 4, ROLE_DIM);
	/* As many of the newest points as fit. */
	while ((int)(k->hist.n_points - first) * POINT_W > COLS - 4)
		first++;
	for (size_t p = first; p < k->hist.n_points; p++) {
		int x = x0 + (int)(p - first) * POINT_W;
		int n = k->hist.count[p * cols + c];
		char label[32], value[32];
		struct cellbuf b = {0};

		point_label(k, p, label, sizeof(label));
		text_draw(y + 2, x, label, POINT_W - 1, ROLE_NORMAL);
		if (n > 0) {
			double v = k->hist.level[p * cols + c];

			ui_bar(&b, v / 100.0, POINT_W - 3);
			snprintf(value, sizeof(value), "%3.0f %%", floor(v + 0.5));
			text_draw_cells(y + 3, x, b.cells, b.n, POINT_W - 1);
			text_draw(y + 4, x, value, POINT_W - 1, ROLE_NORMAL);
		} else {
			/* No answers in that window: nothing to draw but a dash. */
			text_draw(y + 4, x + 2, "–", POINT_W - 3, ROLE_DIM);
		}
		cellbuf_release(&b);
	}
}

static struct cursor knowledge_draw(const struct app *app)
{
	const struct knowledge_state *k = &app->knowledge;
	int y0 = ui_top() + 1, rows = list_rows();
	struct cursor cur = {y0, 2};
	int first, last;

	text_draw(y0, 2, _("Min kunskap"), COLS - 4, ROLE_HEADING);
	text_draw(y0 + 1, 2,
		  _("Andel rätt av dina senaste svar på varje fråga, de senaste 12 månaderna."),
		  COLS - 4, ROLE_DIM);
	if (!k->any) {
		ui_draw_doc(&k->doc, 0, list_top(), 2, ui_bottom() - list_top(), COLS - 4);
		return cur;
	}
	ui_draw_doc(&k->doc, k->top, list_top(), 2, rows, COLS - 4);
	if (k->top + rows < (int)k->doc.n)
		text_draw(list_top() + rows, COLS - 24, _("(mer nedanför)"), 22, ROLE_DIM);
	if (ui_find_tag(&k->doc, (int)k->sel, &first, &last) && first >= k->top &&
	    first < k->top + rows)
		cur = (struct cursor){list_top() + first - k->top, 2};
	draw_history(app);
	return cur;
}

static unsigned knowledge_key(struct app *app, wint_t key, bool func)
{
	struct knowledge_state *k = &app->knowledge;

	if (func && key == KEY_UP) {
		if (k->sel > 0)
			k->sel--;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (func && key == KEY_DOWN) {
		if (k->sel + 1 < k->n_rows)
			k->sel++;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (func && (key == KEY_HOME || key == KEY_END)) {
		k->sel = key == KEY_HOME || k->n_rows == 0 ? 0 : k->n_rows - 1;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if ((!func && (key == 27 || key == L'q' || key == L'\n' || key == L'\r')) ||
	    (func && (key == KEY_LEFT || key == KEY_ENTER || key == KEY_BACKSPACE)))
		return app_goto(app, SCREEN_HOME);
	return ACT_NONE;
}

static size_t knowledge_keys(const struct app *app, struct keyhint *out)
{
	size_t n = 0;

	if (app->knowledge.n_rows > 1)
		out[n++] = (struct keyhint){"↑↓", _("Välj område")};
	out[n++] = (struct keyhint){"Esc", _("Dina kurser")};
	return n;
}

const struct screen screen_knowledge = {
    .enter = knowledge_enter,
    .leave = knowledge_leave,
    .layout = knowledge_layout,
    .draw = knowledge_draw,
    .key = knowledge_key,
    .keys = knowledge_keys,
    .help = N_("Här ser du din kunskapsnivå: hur stor del av dina senaste svar som var rätt, "
	       "för varje område och för alla områden tillsammans. Bara svar från de senaste "
	       "12 månaderna räknas, och bara ditt senaste svar på varje fråga.\n\n"
	       "Välj ett område med pil upp och pil ned. Längst ned ser du hur din nivå i det "
	       "området har förändrats, kvartal för kvartal.\n\n"
	       "Det är bara du som ser dina egna siffror. Din samordnare ser bara siffror för "
	       "hela grupper.\n\n"
	       "Tillbaka till dina kurser med Esc."),
};
