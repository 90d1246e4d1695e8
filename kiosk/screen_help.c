/*
 * Help: what the screen the person came from is for and which keys it
 * takes, then the keys that work everywhere. Any of Esc, Enter, ? or F1
 * goes back to exactly where the person was.
 */
#include "kiosk/kiosk.h"

#include <stdlib.h>
#include <string.h>

static const struct screen *const from_screens[SCREEN_COUNT] = {
    [SCREEN_LOGIN] = &screen_login,   [SCREEN_HOME] = &screen_home,
    [SCREEN_COURSE] = &screen_course, [SCREEN_LESSON] = &screen_lesson,
    [SCREEN_QUIZ] = &screen_quiz,     [SCREEN_RESULT] = &screen_result,
    [SCREEN_HELP] = &screen_help,     [SCREEN_PAPER] = &screen_paper,
    [SCREEN_KNOWLEDGE] = &screen_knowledge, [SCREEN_UNIT] = &screen_unit,
    [SCREEN_SURVEY] = &screen_survey,
};

static struct doc help_doc;

static void help_release(struct app *app)
{
	(void)app;
	doc_release(&help_doc);
}

static void help_layout(struct app *app)
{
	const struct screen *s = from_screens[app->help_from];
	int width = COLS - 4;

	if (width > 90)
		width = 90;
	doc_release(&help_doc);
	ui_para(&help_doc, _("Hjälp"), 0, width, ROLE_HEADING, -1);
	doc_blank(&help_doc);
	if (s->help)
		ui_para(&help_doc, _(s->help), 0, width, ROLE_NORMAL, -1);
	doc_blank(&help_doc);
	ui_para(&help_doc, _("Tangenter som alltid fungerar"), 0, width, ROLE_HEADING, -1);
	ui_para(&help_doc,
		_("F1 eller ?: den här hjälpen.\n"
		  "F2: byt språk mellan svenska och engelska.\n"
		  "F10: logga ut. Det du har gjort är redan sparat.\n"
		  "Raden längst ned visar alltid vilka tangenter du kan använda."),
		0, width, ROLE_NORMAL, -1);
	if (app->person_id) {
		doc_blank(&help_doc);
		ui_para(&help_doc,
			_("Om du inte trycker på någon tangent på en stund loggas du ut "
			  "automatiskt. Då kan ingen annan se dina uppgifter."),
			0, width, ROLE_NORMAL, -1);
	}
}

static struct cursor help_draw(const struct app *app)
{
	int y0 = ui_top() + 1, rows = ui_bottom() - y0 - 1;
	int max_top = (int)help_doc.n - rows;
	int top = app->help_top;

	if (top > max_top)
		top = max_top > 0 ? max_top : 0;
	ui_draw_doc(&help_doc, top, y0, 2, rows, COLS - 4);
	if (top + rows < (int)help_doc.n)
		text_draw(y0 + rows, 2, _("Mer nedanför: pil ned."), COLS - 4, ROLE_DIM);
	return (struct cursor){y0, 2};
}

static unsigned help_key(struct app *app, wint_t key, bool func)
{
	int rows = ui_bottom() - (ui_top() + 1) - 1;

	if (func && (key == KEY_DOWN || key == KEY_NPAGE)) {
		int max_top = (int)help_doc.n - rows;

		app->help_top += key == KEY_DOWN ? 1 : rows - 1;
		if (app->help_top > max_top)
			app->help_top = max_top > 0 ? max_top : 0;
		return ACT_HANDLED;
	}
	if (func && (key == KEY_UP || key == KEY_PPAGE)) {
		app->help_top -= key == KEY_UP ? 1 : rows - 1;
		if (app->help_top < 0)
			app->help_top = 0;
		return ACT_HANDLED;
	}
	if ((!func && (key == 27 || key == L'\n' || key == L'\r' || key == L'?' || key == L'q')) ||
	    (func && (key == KEY_ENTER || key == KEY_F(1))))
		return app_goto(app, app->help_from);
	return ACT_HANDLED;
}

static size_t help_keys(const struct app *app, struct keyhint *out)
{
	(void)app;
	out[0] = (struct keyhint){"Esc", _("Tillbaka")};
	out[1] = (struct keyhint){"↑↓", _("Rulla")};
	return 2;
}

const struct screen screen_help = {
    .leave = help_release,
    .layout = help_layout,
    .draw = help_draw,
    .key = help_key,
    .keys = help_keys,
};
