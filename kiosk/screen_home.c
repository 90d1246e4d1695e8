/*
 * The home screen: the person's courses in programme order with their
 * status and a progress bar each, the person's knowledge level per topic,
 * and a scan field where a course code (VKC..., from a handout's QR code)
 * opens that course. Letters and digits typed here go into the scan field,
 * so a USB scanner works without any key first.
 */
#include "kiosk/kiosk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "core/catalog.h"
#include "core/day.h"
#include "core/person.h"
#include "core/xmalloc.h"

#define BAR_W 10
/* Document tags: course i has tag i; other lines have NO_TAG. */
#define NO_TAG (-1)

static void home_leave(struct app *app)
{
	struct home_state *h = &app->home;

	progress_courses_free(&h->courses, h->n_courses);
	h->n_courses = 0;
	level_list_free(&h->levels, h->n_levels);
	h->n_levels = 0;
	free(h->survey_title);
	h->survey_title = NULL;
	h->coordinator = false;
	doc_release(&h->doc);
	lineedit_clear(&h->scan);
	h->sel = 0;
	h->top = 0;
}

/* What home offers besides the courses: "Min enhet" to coordinators and
 * admins (the unit screen checks access again), and an open survey round
 * the person has not taken part in. */
static int offers_load(struct app *app, char **cause)
{
	struct home_state *h = &app->home;
	struct survey_form form;
	struct person p;
	int found;

	found = person_get(app->store, app->person_id, &p, cause);
	if (found < 0)
		return -1;
	h->coordinator = found == 1 && p.active && p.role != ROLE_STAFF;
	if (found == 1)
		person_release(&p);
	found = survey_pending(app->store, app->person_id, day_today(), &form, cause);
	if (found < 0)
		return -1;
	if (found == 1 && form.n_items > 0)
		h->survey_title = xstrdup(form.title ? form.title : "");
	survey_form_release(&form);
	return 0;
}

static void home_enter(struct app *app)
{
	struct home_state *h = &app->home;
	char *cause = NULL;

	home_leave(app);
	kcourse_release(&app->course);
	if (h->scan.max == 0)
		lineedit_init(&h->scan, 64, false, false);
	if (progress_courses(app->store, app->person_id, app->lang, &h->courses, &h->n_courses,
			     &cause) < 0) {
		app_error(app, cause);
		return;
	}
	if (level_person(app->store, app->person_id, &h->levels, &h->n_levels, &cause) < 0) {
		app_error(app, cause);
		return;
	}
	if (offers_load(app, &cause) < 0) {
		app_error(app, cause);
		return;
	}
	/* Start on the first course that is not done yet. */
	for (size_t i = 0; i < h->n_courses; i++) {
		enum course_state s = h->courses[i].state;

		if (s == COURSE_IN_PROGRESS || s == COURSE_NOT_STARTED || s == COURSE_REFRESH_DUE) {
			h->sel = i;
			break;
		}
	}
}

/* The status text of a course; newly allocated. */
static char *status_text(const struct course_status *c, double *share)
{
	char date[16];
	int steps = c->pages + c->questions;
	int done = c->pages_seen + c->answered;

	*share = steps ? (double)done / steps : 0;
	switch (c->state) {
	case COURSE_NOT_STARTED:
		return xstrdup(_("Inte påbörjad"));
	case COURSE_IN_PROGRESS:
		if (c->quiz_tried && !c->open_attempt)
			return xasprintf(_("Påbörjad %d/%d, inte godkänd än (senast %.0f %%)"),
					 done, steps, c->last_score);
		return xasprintf(_("Påbörjad %d/%d"), done, steps);
	case COURSE_PASSED:
		*share = 1;
		ui_date(c->passed_at, date, sizeof(date));
		return xasprintf(_("Godkänd %s, %.0f %%"), date, c->passed_score);
	case COURSE_REFRESH_DUE:
		*share = 1;
		ui_date(c->passed_at, date, sizeof(date));
		return xasprintf(_("Dags att repetera (godkänd %s)"), date);
	case COURSE_LOCKED:
		*share = 0;
		return xasprintf(_("Låst: gör först %s"),
				 c->requires_title ? c->requires_title : "");
	}
	return xstrdup("");
}

static void heading(struct doc *d, const char *text, int width)
{
	struct cellbuf b = {0};

	if (d->n)
		doc_blank(d);
	cellbuf_addstr(&b, text, ROLE_HEADING, CELL_BOLD);
	doc_wrap(d, b.cells, b.n, 0, 0, width, NO_TAG);
	cellbuf_release(&b);
}

static void home_layout(struct app *app)
{
	struct home_state *h = &app->home;
	struct cellbuf b = {0};
	int width = COLS - 4;
	bool any_coord = false;
	int first, last;

	doc_release(&h->doc);
	for (size_t i = 0; i < h->n_courses; i++)
		any_coord = any_coord || h->courses[i].coordinators;
	if (h->survey_title) {
		char *text = xasprintf(_("Enkäten \"%s\" är öppen. Du svarar anonymt. "
					 "Tryck s för att svara."),
				       h->survey_title);

		heading(&h->doc, _("Enkät om säkerhetskultur"), width);
		ui_para(&h->doc, text, 2, width, ROLE_NORMAL, NO_TAG);
		free(text);
	}
	/* With a survey open the bar has no room for every key at 80 columns,
	 * so the coordinator's keys are also named here. */
	if (h->coordinator) {
		heading(&h->doc, _("För samordnare"), width);
		ui_para(&h->doc,
			paper_may_enter(app)
			    ? _("Tryck e för Min enhet, eller F6 för att föra in pappersblad.")
			    : _("Tryck e för Min enhet."),
			2, width, ROLE_NORMAL, NO_TAG);
	}
	if (h->n_courses == 0) {
		heading(&h->doc, _("Dina kurser"), width);
		ui_para(&h->doc, _("Det finns inga kurser för dig ännu."), 2, width, ROLE_NORMAL,
			NO_TAG);
	}
	for (size_t i = 0; i < h->n_courses; i++) {
		const struct course_status *c = &h->courses[i];
		bool sel = i == h->sel;
		double share;
		char *st;

		if (i == 0)
			heading(&h->doc,
				any_coord ? _("Kurser för alla medarbetare") : _("Dina kurser"),
				width);
		if (c->coordinators && (i == 0 || !h->courses[i - 1].coordinators))
			heading(&h->doc, _("Samordnarnas program"), width);
		else if (i > 0)
			doc_blank(&h->doc);
		cellbuf_reset(&b);
		cellbuf_addstr(&b, sel ? "> " : "  ", sel ? ROLE_SELECTED : ROLE_NORMAL, 0);
		cellbuf_addstr(&b, c->title, sel ? ROLE_SELECTED : ROLE_NORMAL, CELL_BOLD);
		doc_wrap(&h->doc, b.cells, b.n, 0, 2, width, (int)i);
		st = status_text(c, &share);
		cellbuf_reset(&b);
		if (c->state != COURSE_LOCKED) {
			ui_bar(&b, share, BAR_W);
			cellbuf_add(&b, L' ', ROLE_NORMAL, 0);
		}
		cellbuf_addstr(&b, st, c->state == COURSE_PASSED ? ROLE_OK : ROLE_DIM, 0);
		doc_wrap(&h->doc, b.cells, b.n, 4, 4 + BAR_W + 3, width, (int)i);
		free(st);
	}
	heading(&h->doc, _("Din kunskapsnivå per område"), width);
	if (h->n_levels == 0)
		ui_para(&h->doc, _("Svara på frågorna i en kurs, så visas din nivå här."), 2, width,
			ROLE_DIM, NO_TAG);
	for (size_t i = 0; i < h->n_levels; i++) {
		const struct level *lv = &h->levels[i];
		const char *name = strcmp(app->lang, "en") == 0 ? lv->name_en : lv->name_sv;
		char pct[64];
		int w;

		cellbuf_reset(&b);
		cellbuf_addstr(&b, name, ROLE_NORMAL, 0);
		w = cellbuf_width(b.cells, b.n);
		for (int k = w; k < 38; k++)
			cellbuf_add(&b, L' ', ROLE_NORMAL, 0);
		ui_bar(&b, lv->level, BAR_W);
		snprintf(pct, sizeof(pct), " %3.0f %%  ", floor(lv->level * 100 + 0.5));
		cellbuf_addstr(&b, pct, ROLE_NORMAL, 0);
		{
			char *q = xasprintf(
			    ngettext("(%d fråga)", "(%d frågor)", (unsigned long)lv->questions),
			    lv->questions);

			cellbuf_addstr(&b, q, ROLE_DIM, 0);
			free(q);
		}
		doc_wrap(&h->doc, b.cells, b.n, 2, 4, width, NO_TAG);
	}
	cellbuf_release(&b);
	/* Keep the focused course in view; show the headings above the first. */
	if (h->n_courses && ui_find_tag(&h->doc, (int)h->sel, &first, &last)) {
		int rows = (LINES - 5) - (ui_top() + 1);

		if (h->sel == 0)
			first = 0;
		ui_follow(&h->top, first, last, rows, (int)h->doc.n);
	}
}

static int scan_row(void)
{
	return LINES - 3;
}

static struct cursor home_draw(const struct app *app)
{
	const struct home_state *h = &app->home;
	struct cursor cur = {ui_top() + 1, 2};
	int y0 = ui_top() + 1, rows = (LINES - 5) - y0;
	int first, last, x;

	ui_draw_doc(&h->doc, h->top, y0, 2, rows, COLS - 4);
	if (h->top + rows < (int)h->doc.n)
		text_draw(y0 + rows, COLS - 24, _("(mer nedanför)"), 22, ROLE_DIM);
	if (h->n_courses && ui_find_tag(&h->doc, (int)h->sel, &first, &last) && first >= h->top &&
	    first < h->top + rows)
		cur = (struct cursor){y0 + first - h->top, 2};
	x = 2 + text_draw(scan_row(), 2, _("Kurskod:"), 20, ROLE_NORMAL) + 1;
	{
		int cy, cx;

		lineedit_draw(&h->scan, scan_row(), x, 32, 1, &cy, &cx);
		if (!lineedit_empty(&h->scan))
			cur = (struct cursor){cy, cx};
	}
	text_draw(scan_row(), x + 34, _("skanna kursens QR-kod"), COLS - x - 36, ROLE_DIM);
	return cur;
}

/* Opens the course whose code is in the scan field. */
static unsigned scan_submit(struct app *app)
{
	struct home_state *h = &app->home;
	struct catalog_course cc = {0};
	enum scancode_status status;
	char *typed = lineedit_text(&h->scan);
	char *cause = NULL;
	unsigned act = ACT_HANDLED | ACT_LAYOUT;
	int found;

	found = catalog_course_by_code(app->store, typed, &status, &cc, &cause);
	lineedit_clear(&h->scan);
	if (found < 0) {
		app_error(app, cause);
	} else if (status == SCANCODE_MISTYPED) {
		app_message(
		    app, ROLE_ERROR, "%s",
		    _("Koden lästes inte rätt. Skanna igen eller skriv koden en gång till."));
	} else if (status == SCANCODE_MALFORMED) {
		app_message(app, ROLE_ERROR, "%s",
			    _("Det är ingen kurskod. En kurskod börjar med VKC."));
	} else if (!found) {
		app_message(app, ROLE_ERROR, _("Ingen kurs har koden %s."), typed);
	} else {
		const char *group = cc.translation_of ? cc.translation_of : cc.slug;
		size_t i;

		for (i = 0; i < h->n_courses; i++)
			if (strcmp(h->courses[i].group, group) == 0)
				break;
		if (i == h->n_courses) {
			app_message(app, ROLE_ERROR, "%s",
				    _("Den kursen ingår inte i dina kurser."));
		} else {
			app_message(app, ROLE_NORMAL, NULL);
			act = course_open(app, h->courses[i].course_id);
		}
	}
	catalog_course_release(&cc);
	free(typed);
	return act;
}

/* A paper sheet's code (VKS...) takes a coordinator to paper entry (the
 * paper screen says when it is mistyped); returns ACT_NONE for anything
 * else. */
static unsigned scan_sheet(struct app *app)
{
	struct scancode sc;
	char *typed = lineedit_text(&app->home.scan);
	unsigned act = ACT_NONE;

	if (paper_may_enter(app) && scancode_parse(typed, &sc) != SCANCODE_MALFORMED &&
	    sc.kind == SCANCODE_SHEET) {
		lineedit_clear(&app->home.scan);
		act = paper_open(app, typed);
	}
	free(typed);
	return act;
}

static unsigned home_key(struct app *app, wint_t key, bool func)
{
	struct home_state *h = &app->home;
	size_t n = h->n_courses;

	if (func && key == KEY_F(6) && paper_may_enter(app))
		return paper_open(app, NULL);
	if (func) {
		switch (key) {
		case KEY_UP:
			if (h->sel > 0)
				h->sel--;
			return ACT_HANDLED | ACT_LAYOUT;
		case KEY_DOWN:
			if (h->sel + 1 < n)
				h->sel++;
			return ACT_HANDLED | ACT_LAYOUT;
		case KEY_PPAGE:
			h->sel = h->sel > 4 ? h->sel - 4 : 0;
			return ACT_HANDLED | ACT_LAYOUT;
		case KEY_NPAGE:
			h->sel = h->sel + 4 < n ? h->sel + 4 : (n ? n - 1 : 0);
			return ACT_HANDLED | ACT_LAYOUT;
		case KEY_HOME:
			if (lineedit_empty(&h->scan)) {
				h->sel = 0;
				return ACT_HANDLED | ACT_LAYOUT;
			}
			break;
		case KEY_END:
			if (lineedit_empty(&h->scan)) {
				h->sel = n ? n - 1 : 0;
				return ACT_HANDLED | ACT_LAYOUT;
			}
			break;
		default:
			break;
		}
	}
	if (!func && key == 27) {
		lineedit_clear(&h->scan);
		return ACT_HANDLED;
	}
	if (!func && key == L'q' && lineedit_empty(&h->scan))
		return ACT_HANDLED | ACT_LOGOUT;
	/* Lower-case letters on an empty field open the other screens; a code
	 * (VKC..., VKS...) starts with V, so a scan is never taken for one. */
	if (!func && lineedit_empty(&h->scan)) {
		if (key == L'k')
			return app_goto(app, SCREEN_KNOWLEDGE);
		if (key == L'e' && h->coordinator)
			return app_goto(app, SCREEN_UNIT);
		if (key == L's' && h->survey_title)
			return app_goto(app, SCREEN_SURVEY);
	}
	if ((!func && (key == L'\n' || key == L'\r')) || (func && key == KEY_ENTER)) {
		if (!lineedit_empty(&h->scan)) {
			unsigned act = scan_sheet(app);

			return act != ACT_NONE ? act : scan_submit(app);
		}
		if (n == 0)
			return ACT_HANDLED;
		return course_open(app, h->courses[h->sel].course_id);
	}
	/* Only what a scanner types goes into the field: letters, digits, spaces. */
	if (!func && !(iswalnum(key) || (key == L' ' && !lineedit_empty(&h->scan))))
		return ACT_NONE;
	h->scan.width = 32;
	if (lineedit_key(&h->scan, key, func) == LINEEDIT_CHANGED)
		return ACT_HANDLED;
	return ACT_NONE;
}

static size_t home_keys(const struct app *app, struct keyhint *out)
{
	size_t n = 0;

	bool empty = lineedit_empty(&app->home.scan);

	/* The bar drops the last hints first when the row is full, so the
	 * screens reached only by a key come before the arrows, and q (F10 also
	 * logs out) comes last. The labels are single words so that at 80
	 * columns a coordinator's Enter, k, F6 and e all fit beside the global
	 * keys (77 columns in Swedish, 74 in English); with a survey open, s
	 * and the arrows do not, and the home screen names s, e and F6 in its
	 * text as well. */
	out[n++] = (struct keyhint){"Enter", _("Öppna")};
	if (empty)
		out[n++] = (struct keyhint){"k", _("Kunskap")};
	if (paper_may_enter(app))
		out[n++] = (struct keyhint){"F6", _("Papper")};
	if (empty && app->home.coordinator)
		out[n++] = (struct keyhint){"e", _("Enhet")};
	if (empty && app->home.survey_title)
		out[n++] = (struct keyhint){"s", _("Enkät")};
	out[n++] = (struct keyhint){"↑↓", _("Välj kurs")};
	if (empty)
		out[n++] = (struct keyhint){"q", _("Logga ut")};
	return n;
}

const struct screen screen_home = {
    .enter = home_enter,
    .leave = home_leave,
    .layout = home_layout,
    .draw = home_draw,
    .key = home_key,
    .keys = home_keys,
    .help = N_("Här ser du dina kurser. Välj en kurs med pil upp och pil ned och öppna den "
	       "med Enter.\n\n"
	       "Bredvid varje kurs står hur långt du har kommit. En låst kurs öppnas när du har "
	       "klarat kursen som står där.\n\n"
	       "Har du ett papper med en QR-kod för en kurs? Skanna koden, eller skriv koden som "
	       "står under den och tryck Enter.\n\n"
	       "Längst ned ser du din kunskapsnivå per område: hur stor del av dina senaste svar "
	       "som var rätt det senaste året. Tryck k för Min kunskap, där du också ser hur "
	       "nivån har förändrats över tid.\n\n"
	       "Är du samordnare öppnar e Min enhet, med siffror för enheterna du följer. När "
	       "en enkät om säkerhetskultur är öppen för dig öppnar s den.\n\n"
	       "Logga ut med F10, eller med q när fältet för kurskod är tomt."),
};
