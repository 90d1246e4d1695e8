/*
 * The lesson pages: one page at a time, rendered from the page model and
 * wrapped to the terminal's width. Arrows, PgUp/PgDn and Home/End scroll;
 * Enter reads on (the rest of a long page first, then the next page), Right
 * goes to the next page and Left back. The page reached is stored as soon as
 * it is shown, so the person comes back to it after any kind of exit.
 */
#include "kiosk/kiosk.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

/* Lines are kept short enough to read on wide terminals. */
#define MAX_TEXT_WIDTH 96

static int text_width_for(void)
{
	int w = COLS - 4;

	return w > MAX_TEXT_WIDTH ? MAX_TEXT_WIDTH : w;
}

static int view_rows(void)
{
	/* Row 1 holds the course and page, rows 3.. the text, and the row
	 * above the status line says whether more follows. */
	return (LINES - 3) - 3;
}

static void lesson_leave(struct app *app)
{
	doc_release(&app->lesson.doc);
	app->lesson.top = 0;
}

/* Shows page (0-based) from its top and stores the place. */
static void show_page(struct app *app, size_t page)
{
	struct lesson_state *l = &app->lesson;
	char *cause = NULL;

	l->page = page;
	l->top = 0;
	l->width = 0;
	if (!app->preview && app->person_id &&
	    progress_set(app->store, app->person_id, app->course.id, (int)page + 1, &cause) < 0)
		app_error(app, cause);
}

unsigned lesson_open(struct app *app, int page_no)
{
	size_t page = page_no >= 1 ? (size_t)page_no - 1 : 0;

	if (app->course.n_pages == 0)
		return ACT_HANDLED;
	if (page >= app->course.n_pages)
		page = app->course.n_pages - 1;
	show_page(app, page);
	return app_goto(app, SCREEN_LESSON);
}

static void lesson_layout(struct app *app)
{
	struct lesson_state *l = &app->lesson;
	const struct kpage *p;
	struct cellbuf b = {0};
	int width = text_width_for();
	int max_top;

	doc_release(&l->doc);
	if (app->course.n_pages == 0)
		return;
	p = &app->course.pages[l->page];
	cellbuf_addstr(&b, p->title, ROLE_HEADING, CELL_BOLD | CELL_UNDER);
	doc_wrap(&l->doc, b.cells, b.n, 0, 0, width, -1);
	cellbuf_release(&b);
	doc_blank(&l->doc);
	ui_render_page(&l->doc, &p->page, width);
	l->width = width;
	max_top = (int)l->doc.n - view_rows();
	if (l->top > max_top)
		l->top = max_top > 0 ? max_top : 0;
}

static bool more_below(const struct lesson_state *l)
{
	return l->top + view_rows() < (int)l->doc.n;
}

static struct cursor lesson_draw(const struct app *app)
{
	const struct lesson_state *l = &app->lesson;
	char where[64];
	int y0 = ui_top() + 2, rows = view_rows();
	int w;

	snprintf(where, sizeof(where), _("Sida %zu av %zu"), l->page + 1, app->course.n_pages);
	w = text_width(where);
	text_draw(ui_top(), 2, app->course.title, COLS - w - 6, ROLE_DIM);
	text_draw(ui_top(), COLS - w - 2, where, w, ROLE_NORMAL);
	ui_draw_doc(&l->doc, l->top, y0, 2, rows, COLS - 4);
	if (more_below(l))
		text_draw(y0 + rows, 2, _("Mer text nedanför: pil ned eller Enter."), COLS - 4,
			  ROLE_DIM);
	else if (l->page + 1 < app->course.n_pages)
		text_draw(y0 + rows, 2, _("Slut på sidan. Enter: nästa sida."), COLS - 4, ROLE_DIM);
	else if (!app->preview && app->crs.status.state != COURSE_PASSED)
		text_draw(y0 + rows, 2, _("Sista sidan. Enter: till kunskapstestet."), COLS - 4,
			  ROLE_DIM);
	else
		text_draw(y0 + rows, 2, _("Sista sidan. Enter: tillbaka till kursen."), COLS - 4,
			  ROLE_DIM);
	/* The cursor rests at the first line shown, where reading starts. */
	return (struct cursor){y0, 2};
}

static unsigned scroll_by(struct app *app, int delta)
{
	struct lesson_state *l = &app->lesson;
	int max_top = (int)l->doc.n - view_rows();

	l->top += delta;
	if (l->top > max_top)
		l->top = max_top;
	if (l->top < 0)
		l->top = 0;
	return ACT_HANDLED;
}

static unsigned next_page(struct app *app)
{
	struct lesson_state *l = &app->lesson;

	if (l->page + 1 < app->course.n_pages) {
		show_page(app, l->page + 1);
		return ACT_HANDLED | ACT_LAYOUT;
	}
	/* After the last page: the quiz, unless the course is already passed. */
	if (app->preview || app->crs.status.state == COURSE_PASSED)
		return course_open(app, app->course.id);
	return quiz_begin(app, app->crs.status.state == COURSE_REFRESH_DUE ? ATTEMPT_REFRESH
									   : ATTEMPT_QUIZ);
}

static unsigned lesson_key(struct app *app, wint_t key, bool func)
{
	struct lesson_state *l = &app->lesson;
	int page_rows = view_rows() - 1;

	if (func) {
		switch (key) {
		case KEY_UP:
			return scroll_by(app, -1);
		case KEY_DOWN:
			return scroll_by(app, 1);
		case KEY_PPAGE:
			return scroll_by(app, -page_rows);
		case KEY_NPAGE:
			return scroll_by(app, page_rows);
		case KEY_HOME:
			l->top = 0;
			return ACT_HANDLED;
		case KEY_END:
			return scroll_by(app, (int)l->doc.n);
		case KEY_RIGHT:
			return next_page(app);
		case KEY_LEFT:
			if (l->page > 0) {
				show_page(app, l->page - 1);
				return ACT_HANDLED | ACT_LAYOUT;
			}
			return ACT_HANDLED;
		case KEY_ENTER:
			break;
		default:
			return ACT_NONE;
		}
	}
	if (key == L'\n' || key == L'\r' || key == L' ' || (func && key == KEY_ENTER)) {
		if (more_below(l))
			return scroll_by(app, page_rows);
		return next_page(app);
	}
	if (!func && key == 27)
		return course_open(app, app->course.id);
	return ACT_NONE;
}

static size_t lesson_keys(const struct app *app, struct keyhint *out)
{
	size_t n = 0;

	(void)app;
	out[n++] = (struct keyhint){"↑↓", _("Rulla")};
	out[n++] = (struct keyhint){"Enter", _("Vidare")};
	out[n++] = (struct keyhint){"←→", _("Sida")};
	out[n++] = (struct keyhint){"Esc", _("Kursen")};
	return n;
}

const struct screen screen_lesson = {
    .leave = lesson_leave,
    .layout = lesson_layout,
    .draw = lesson_draw,
    .key = lesson_key,
    .keys = lesson_keys,
    .help = N_("Här läser du kursen, en sida i taget.\n\n"
	       "Enter eller mellanslag: läs vidare. Är sidan lång rullar texten först, sedan "
	       "kommer nästa sida.\n"
	       "Pil höger: nästa sida. Pil vänster: förra sidan.\n"
	       "Pil upp och pil ned rullar en rad. PgUp och PgDn rullar en skärm. Home och End "
	       "går till sidans början och slut.\n\n"
	       "Sidan du är på sparas, så du kommer tillbaka hit nästa gång.\n"
	       "Esc tar dig tillbaka till kursens meny."),
};
