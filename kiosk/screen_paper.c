/*
 * Paper sheets keyed in at the kiosk: a coordinator scans or types a sheet
 * code (VKS...), keys the answers exactly as they are ticked on the paper,
 * checks them on a review screen and saves the sheet as an attempt with
 * source paper (core/paper.h does the reading, scoring and storing).
 *
 * Steps: CODE (the code field), KEYS (one question at a time, Enter moves
 * on), REVIEW (every answer with what it means; S saves), DONE (the result;
 * Enter takes the next sheet). Box letters are checked as they are typed, so
 * a letter that is not on the printed question never gets in and the review
 * only shows answers core can read.
 *
 * Only coordinators and admins reach this screen, and only for sheets of
 * units they cover (core/access.h); a sheet already entered is refused when
 * its code is read and again, inside the write transaction, when it is saved.
 *
 * One kiosk process serves one terminal, so the screen keeps its state in
 * this file, as the help screen does; release() wipes it when a session
 * ends.
 */
#include "kiosk/kiosk.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "core/access.h"
#include "core/paper.h"
#include "core/xmalloc.h"

/* Longest text accepted for one question's keys (a written answer). */
#define KEYS_MAX 200
#define NO_TAG   (-1)

enum paper_step { STEP_CODE, STEP_KEYS, STEP_REVIEW, STEP_DONE };

struct paper_screen {
	enum paper_step step;
	struct lineedit field;      /* the code, then the current question's keys */
	struct paper_sheet sheet;   /* owned while a sheet is open */
	bool open;                  /* sheet holds a sheet */
	char **keys;                /* owned: per item, the accepted keys or NULL */
	size_t pos;                 /* the item being keyed (KEYS) or focused (REVIEW) */
	bool from_review;           /* KEYS was entered to change one answer */
	struct paper_result result; /* DONE: what saving gave */
	struct doc doc;             /* laid out for the current step */
	int top;                    /* first document line shown */
	bool scrolled;              /* KEYS: PgUp/PgDn moved the view */
	long long role_of;          /* person whose role is cached below, 0 for none */
	bool may;                   /* that person may key sheets */
};

static struct paper_screen ps;

/* ---- The sheet ---------------------------------------------------------- */

static void sheet_close(void)
{
	if (ps.keys) {
		for (size_t i = 0; i < ps.sheet.n_items; i++)
			free(ps.keys[i]);
		free(ps.keys);
		ps.keys = NULL;
	}
	if (ps.open)
		paper_sheet_release(&ps.sheet);
	memset(&ps.sheet, 0, sizeof(ps.sheet));
	ps.open = false;
	ps.pos = 0;
	ps.from_review = false;
}

static void step_code(void)
{
	sheet_close();
	ps.step = STEP_CODE;
	ps.top = 0;
	lineedit_clear(&ps.field);
}

static const struct paper_item *item_at(size_t i)
{
	return &ps.sheet.items[i];
}

/* The field shows the keys already given for the item at pos. */
static void keys_show(size_t pos)
{
	ps.pos = pos;
	ps.top = 0;
	ps.scrolled = false;
	lineedit_set(&ps.field, ps.keys[pos] ? ps.keys[pos] : "");
}

/* ---- Who may key sheets -------------------------------------------------- */

bool paper_may_enter(const struct app *app)
{
	struct access a = ACCESS_INIT;
	char *cause = NULL;

	if (app->store == NULL || app->person_id == 0)
		return false;
	if (ps.role_of != app->person_id) {
		ps.may = access_load(app->store, app->person_id, &a, &cause) == 0 && a.active &&
			 (a.role == ROLE_COORDINATOR || a.role == ROLE_ADMIN);
		ps.role_of = app->person_id;
		access_release(&a);
		free(cause);
	}
	return ps.may;
}

/* Reads the code in typed and opens its sheet; on refusal says why on the
 * status line and stays on the code step. */
static unsigned sheet_open(struct app *app, const char *typed)
{
	struct access a = ACCESS_INIT;
	enum scancode_status status;
	char *cause = NULL;
	int found;

	sheet_close();
	found = paper_sheet_find(app->store, typed, &status, &ps.sheet, &cause);
	if (found < 0) {
		app_error(app, cause);
		goto cleanup;
	}
	ps.open = found == 1;
	if (status == SCANCODE_MISTYPED) {
		app_message(
		    app, ROLE_ERROR, "%s",
		    _("Koden lästes inte rätt. Skanna igen eller skriv koden en gång till."));
	} else if (status == SCANCODE_MALFORMED) {
		app_message(app, ROLE_ERROR, "%s",
			    _("Det är ingen bladkod. En bladkod börjar med VKS."));
	} else if (!found) {
		app_message(app, ROLE_ERROR, _("Inget provblad har koden %s."), typed);
	} else if (access_load(app->store, app->person_id, &a, &cause) < 0) {
		app_error(app, cause);
	} else if (!access_unit(&a, ps.sheet.unit_id)) {
		app_message(app, ROLE_ERROR, _("Inte din enhet: bladet hör till %s."),
			    ps.sheet.unit_path);
	} else if (ps.sheet.attempt_id) {
		char date[16];

		ui_date(ps.sheet.entered, date, sizeof(date));
		app_message(app, ROLE_ERROR,
			    _("Bladet %s lades redan in %s. Ett blad läggs in en gång."),
			    ps.sheet.code, date);
	} else {
		ps.keys = xcalloc(ps.sheet.n_items ? ps.sheet.n_items : 1, sizeof(*ps.keys));
		ps.step = STEP_KEYS;
		ps.from_review = false;
		keys_show(0);
		access_release(&a);
		return ACT_HANDLED | ACT_LAYOUT;
	}
cleanup:
	access_release(&a);
	sheet_close();
	lineedit_clear(&ps.field);
	return ACT_HANDLED | ACT_LAYOUT;
}

unsigned paper_open(struct app *app, const char *code)
{
	unsigned act = app_goto(app, SCREEN_PAPER);

	if (code) {
		/* The screen's enter() has not run yet; it keeps an open sheet. */
		if (ps.field.max == 0)
			lineedit_init(&ps.field, KEYS_MAX, false, false);
		sheet_open(app, code);
	}
	return act;
}

/* ---- What keys mean ------------------------------------------------------- */

static const char *kind_hint(const struct paper_item *it, char *buf, size_t size)
{
	char last = paper_key(it->n_choices ? it->n_choices - 1 : 0);

	switch (it->kind) {
	case PAPER_ONE:
		snprintf(buf, size,
			 _("Skriv bokstaven vid den ikryssade rutan (A–%c). Tomt: ingen ruta."),
			 last);
		break;
	case PAPER_MANY:
		snprintf(buf, size,
			 _("Skriv bokstäverna vid alla ikryssade rutor (A–%c), i valfri ordning."),
			 last);
		break;
	case PAPER_PAIRS:
		snprintf(
		    buf, size,
		    _("Skriv en bokstav (A–%c) för varje nummer 1–%zu i ordning, - för ett tomt."),
		    last, it->n_left);
		break;
	case PAPER_WRITE:
		snprintf(buf, size, "%s", _("Skriv det som står på raden. Tomt: inget skrivet."));
		break;
	}
	return buf;
}

/* Appends to d what the keys mean, one line per box or numbered item. */
static void keys_meaning(struct app *app, struct doc *d, const struct paper_item *it,
			 const char *keys, int indent, int width)
{
	struct paper_answer ans;
	char *why = NULL;

	if (paper_answer_parse(it, keys, &ans, &why) < 0) {
		char *line = xasprintf(_("Kan inte läsas: %s"), why);

		ui_para(d, line, indent, width, ROLE_ERROR, NO_TAG);
		free(line);
		free(why);
		return;
	}
	if (ans.spoilt) {
		ui_para(d, _("Flera rutor ikryssade: ger 0 poäng."), indent, width, ROLE_WARN,
			NO_TAG);
	} else if (ans.blank) {
		ui_para(d,
			it->kind == PAPER_WRITE   ? _("Inget skrivet.")
			: it->kind == PAPER_PAIRS ? _("Inget nummer besvarat.")
						  : _("Ingen ruta ikryssad."),
			indent, width, ROLE_DIM, NO_TAG);
	} else if (it->kind == PAPER_WRITE) {
		char *line = xasprintf("”%s”", ans.text);

		ui_para(d, line, indent, width, ROLE_NORMAL, NO_TAG);
		free(line);
	} else if (it->kind == PAPER_PAIRS) {
		for (size_t n = 0; n < it->n_left; n++) {
			int m = ans.match[it->left[n]];
			char *text = kcourse_fill(app, it->q.pairs[it->left[n]].left);
			char *right =
			    m >= 0 ? kcourse_fill(app, it->q.pairs[m].right) : xstrdup(_("(tomt)"));
			char *line = xasprintf("%zu %s → %s", n + 1, text, right);

			ui_para(d, line, indent, width, ROLE_NORMAL, NO_TAG);
			free(line);
			free(text);
			free(right);
		}
	} else {
		for (size_t k = 0; k < it->n_choices; k++) {
			bool on = false;

			for (size_t j = 0; j < ans.n_chosen; j++)
				on = on || ans.chosen[j] == it->choice[k];
			if (on) {
				char *text =
				    kcourse_fill(app, answer_choice_text(&it->q, it->choice[k]));
				char *line = xasprintf("%c %s", paper_key(k), text);

				ui_para(d, line, indent, width, ROLE_NORMAL, NO_TAG);
				free(line);
				free(text);
			}
		}
	}
	paper_answer_release(&ans);
}

/* ---- Layout --------------------------------------------------------------- */

static void sheet_heading(struct app *app, struct doc *d, int width)
{
	char *code = scancode_group(ps.sheet.code);
	char *line = xasprintf(_("Blad %s · %s (version %d)"), code ? code : ps.sheet.code,
			       ps.sheet.course_title, ps.sheet.course_version);
	char *who = ps.sheet.person_id ? xasprintf("%s (%s), %s", ps.sheet.person_name,
						   ps.sheet.employee_no, ps.sheet.unit_path)
				       : xasprintf(_("Anonymt blad, %s"), ps.sheet.unit_path);

	(void)app;
	ui_para(d, line, 0, width, ROLE_HEADING, NO_TAG);
	ui_para(d, who, 0, width, ROLE_NORMAL, NO_TAG);
	free(code);
	free(line);
	free(who);
}

static void layout_code(struct doc *d, int width)
{
	ui_para(d, _("Lägg in ett pappersblad"), 0, width, ROLE_HEADING, NO_TAG);
	doc_blank(d);
	ui_para(d,
		_("Skanna QR-koden på provbladet, eller skriv koden som står under den "
		  "(VKS…) och tryck Enter."),
		0, width, ROLE_NORMAL, NO_TAG);
	doc_blank(d);
	ui_para(d,
		_("Sedan skriver du svaren som de är ikryssade på bladet: en bokstav per "
		  "ikryssad ruta, Enter till nästa fråga. Innan något sparas ser du alla svar."),
		0, width, ROLE_DIM, NO_TAG);
}

static void layout_keys(struct app *app, struct doc *d, int width)
{
	const struct paper_item *it = item_at(ps.pos);
	char hint[200];
	char *stem = kcourse_fill(app, it->q.stem);
	char *line;

	sheet_heading(app, d, width);
	doc_blank(d);
	line = xasprintf(_("Fråga %zu av %zu"), ps.pos + 1, ps.sheet.n_items);
	ui_para(d, line, 0, width, ROLE_HEADING, NO_TAG);
	free(line);
	ui_para(d, stem, 2, width, ROLE_NORMAL, NO_TAG);
	free(stem);
	if (it->kind == PAPER_PAIRS) {
		for (size_t n = 0; n < it->n_left; n++) {
			char *text = kcourse_fill(app, it->q.pairs[it->left[n]].left);

			line = xasprintf("%zu  %s", n + 1, text);
			ui_para(d, line, 4, width, ROLE_DIM, NO_TAG);
			free(line);
			free(text);
		}
	}
	for (size_t k = 0; k < it->n_choices; k++) {
		const char *raw = it->kind == PAPER_PAIRS
				      ? it->q.pairs[it->choice[k]].right
				      : answer_choice_text(&it->q, it->choice[k]);
		char *text = kcourse_fill(app, raw);

		line = xasprintf("%c  %s", paper_key(k), text);
		ui_para(d, line, 4, width, ROLE_DIM, NO_TAG);
		free(line);
		free(text);
	}
	doc_blank(d);
	ui_para(d, kind_hint(it, hint, sizeof(hint)), 0, width, ROLE_NORMAL, NO_TAG);
	{
		/* What the keys typed so far mean, as the coordinator types them. */
		char *keys = lineedit_text(&ps.field);
		size_t len = strlen(keys);

		doc_blank(d);
		ui_para(d, _("Det betyder:"), 0, width, ROLE_HEADING, NO_TAG);
		if (it->kind == PAPER_PAIRS && len > 0 && len < it->n_left) {
			/* Numbers not typed yet read as blank until they are. */
			static const char dashes[PAPER_MAX_KEYS + 1] = "--------------------------";
			char *padded = xasprintf("%s%.*s", keys, (int)(it->n_left - len), dashes);

			keys_meaning(app, d, it, padded, 2, width);
			/* "nummer" is the same in the Swedish plural; English is not. */
			line = xasprintf(ngettext("%zu nummer kvar.", "%zu nummer kvar.",
						  (unsigned long)(it->n_left - len)),
					 it->n_left - len);
			ui_para(d, line, 2, width, ROLE_DIM, NO_TAG);
			free(line);
			free(padded);
		} else {
			keys_meaning(app, d, it, keys, 2, width);
		}
		free(keys);
	}
}

static void layout_review(struct app *app, struct doc *d, int width)
{
	sheet_heading(app, d, width);
	doc_blank(d);
	ui_para(d, _("Stämmer svaren med bladet? Spara med S."), 0, width, ROLE_HEADING, NO_TAG);
	for (size_t i = 0; i < ps.sheet.n_items; i++) {
		const struct paper_item *it = item_at(i);
		char *stem = kcourse_fill(app, it->q.stem);
		const char *keys = ps.keys[i] && ps.keys[i][0] ? ps.keys[i] : "–";
		char *line =
		    xasprintf("%s%zu. [%s] %s", i == ps.pos ? "> " : "  ", i + 1, keys, stem);
		size_t first = d->n;
		struct cellbuf b = {0};

		/* Wrapped lines of the question hang under its text. */
		cellbuf_addstr(&b, line, i == ps.pos ? ROLE_SELECTED : ROLE_NORMAL, 0);
		doc_wrap(d, b.cells, b.n, 0, 6, width, (int)i);
		cellbuf_release(&b);
		keys_meaning(app, d, it, ps.keys[i], 6, width);
		for (size_t l = first; l < d->n; l++)
			d->lines[l].tag = (int)i;
		free(line);
		free(stem);
	}
}

static void layout_done(struct app *app, struct doc *d, int width)
{
	char *line;

	sheet_heading(app, d, width);
	doc_blank(d);
	ui_para(d, _("Bladet är sparat."), 0, width, ROLE_OK, NO_TAG);
	line =
	    xasprintf(ps.result.passed ? _("Resultat: %.0f %%. Godkänt (gränsen är %d %%).")
				       : _("Resultat: %.0f %%. Inte godkänt (gränsen är %d %%)."),
		      ps.result.score, ps.sheet.pass_mark);
	ui_para(d, line, 0, width, ps.result.passed ? ROLE_OK : ROLE_NORMAL, NO_TAG);
	free(line);
	if (ps.result.completed)
		ui_para(d, _("Kursen är klar för personen på bladet."), 0, width, ROLE_NORMAL,
			NO_TAG);
	else if (ps.sheet.person_id == 0)
		ui_para(d, _("Anonymt blad: det räknas bara i enhetens siffror."), 0, width,
			ROLE_NORMAL, NO_TAG);
	doc_blank(d);
	ui_para(d, _("Tryck Enter för nästa blad, eller Esc för att gå tillbaka."), 0, width,
		ROLE_DIM, NO_TAG);
}

static int field_row(void)
{
	return LINES - 4;
}

/* Rows of the document area: above the field when there is one. */
static int doc_rows(void)
{
	int y0 = ui_top() + 1;

	if (ps.step == STEP_CODE || ps.step == STEP_KEYS)
		return field_row() - 1 - y0;
	return ui_bottom() - y0;
}

static void paper_layout(struct app *app)
{
	int width = COLS - 4;

	doc_release(&ps.doc);
	switch (ps.step) {
	case STEP_CODE:
		layout_code(&ps.doc, width);
		break;
	case STEP_KEYS:
		layout_keys(app, &ps.doc, width);
		/* A long question scrolls so that its end (the hint and what the
		 * keys mean) stays in view; PgUp shows its start. */
		if ((int)ps.doc.n > doc_rows() && !ps.scrolled)
			ps.top = (int)ps.doc.n - doc_rows();
		break;
	case STEP_REVIEW: {
		int first, last;

		layout_review(app, &ps.doc, width);
		if (ui_find_tag(&ps.doc, (int)ps.pos, &first, &last))
			ui_follow(&ps.top, first, last, doc_rows(), (int)ps.doc.n);
		break;
	}
	case STEP_DONE:
		layout_done(app, &ps.doc, width);
		break;
	}
}

static struct cursor paper_draw(const struct app *app)
{
	int y0 = ui_top() + 1, rows = doc_rows();
	struct cursor cur = {y0, 2};

	(void)app;
	ui_draw_doc(&ps.doc, ps.top, y0, 2, rows, COLS - 4);
	if (ps.top + rows < (int)ps.doc.n)
		text_draw(y0 + rows - 1, COLS - 24, _("(mer nedanför)"), 22, ROLE_DIM);
	if (ps.step == STEP_CODE || ps.step == STEP_KEYS) {
		const char *label = ps.step == STEP_CODE ? _("Bladkod:") : _("Svar:");
		int x = 2 + text_draw(field_row(), 2, label, 20, ROLE_NORMAL) + 1;
		int cy, cx;

		lineedit_draw(&ps.field, field_row(), x, 40, 1, &cy, &cx);
		cur = (struct cursor){cy, cx};
	} else if (ps.step == STEP_REVIEW) {
		int first, last;

		if (ui_find_tag(&ps.doc, (int)ps.pos, &first, &last) && first >= ps.top &&
		    first < ps.top + rows)
			cur = (struct cursor){y0 + first - ps.top, 2};
	}
	return cur;
}

/* ---- Keys ----------------------------------------------------------------- */

static bool is_enter(wint_t key, bool func)
{
	return (!func && (key == L'\n' || key == L'\r')) || (func && key == KEY_ENTER);
}

/* Takes a typed box letter for a lettered question: only letters printed on
 * it get in; a letter typed again is taken out (a box ticked by mistake). */
static unsigned letter_key(struct app *app, const struct paper_item *it, wint_t key)
{
	char *text = lineedit_text(&ps.field);
	wint_t up = towupper(key);
	char *at;

	if (key == L'-' && it->kind == PAPER_PAIRS) {
		up = L'-';
	} else if (up < L'A' || up > L'Z' || (size_t)(up - L'A') >= it->n_choices) {
		app_message(app, ROLE_ERROR, _("Frågan har bara rutorna A–%c."),
			    paper_key(it->n_choices ? it->n_choices - 1 : 0));
		free(text);
		return ACT_HANDLED;
	}
	at = it->kind != PAPER_PAIRS ? strchr(text, (int)up) : NULL;
	if (at) {
		memmove(at, at + 1, strlen(at + 1) + 1);
		lineedit_set(&ps.field, text);
	} else if (it->kind == PAPER_PAIRS && strlen(text) >= it->n_left) {
		app_message(app, ROLE_ERROR,
			    _("Frågan har %zu nummer: skriv en bokstav för varje."), it->n_left);
	} else {
		lineedit_key(&ps.field, up, false);
	}
	free(text);
	return ACT_HANDLED | ACT_LAYOUT;
}

/* Enter on a question: the keys are kept and the next question (or the
 * review) comes. */
static unsigned keys_next(struct app *app)
{
	const struct paper_item *it = item_at(ps.pos);
	char *text = lineedit_text(&ps.field);
	struct paper_answer ans;
	char *why = NULL;

	if (it->kind == PAPER_PAIRS && text[0] && strlen(text) != it->n_left) {
		app_message(app, ROLE_ERROR,
			    _("Frågan har %zu nummer: skriv en bokstav för varje, - för ett tomt."),
			    it->n_left);
		free(text);
		return ACT_HANDLED;
	}
	if (paper_answer_parse(it, text, &ans, &why) < 0) {
		app_message(app, ROLE_ERROR, _("Svaret kan inte läsas: %s"), why);
		free(why);
		free(text);
		return ACT_HANDLED;
	}
	paper_answer_release(&ans);
	free(ps.keys[ps.pos]);
	ps.keys[ps.pos] = text;
	if (ps.from_review || ps.pos + 1 >= ps.sheet.n_items) {
		if (!ps.from_review)
			ps.pos = 0;
		ps.step = STEP_REVIEW;
		ps.from_review = false;
		ps.top = 0;
		lineedit_clear(&ps.field);
	} else {
		keys_show(ps.pos + 1);
	}
	return ACT_HANDLED | ACT_LAYOUT;
}

static unsigned keys_key(struct app *app, wint_t key, bool func)
{
	const struct paper_item *it = item_at(ps.pos);

	if (func && (key == KEY_PPAGE || key == KEY_NPAGE)) {
		int max_top = (int)ps.doc.n - doc_rows();

		ps.top += key == KEY_PPAGE ? -doc_rows() : doc_rows();
		ps.top = ps.top > max_top ? max_top : ps.top;
		ps.top = ps.top < 0 ? 0 : ps.top;
		ps.scrolled = true;
		return ACT_HANDLED;
	}

	if (is_enter(key, func))
		return keys_next(app);
	if (func && key == KEY_UP) {
		if (ps.pos > 0 && !ps.from_review) {
			/* Back one question; what was typed here is kept as it is. */
			free(ps.keys[ps.pos]);
			ps.keys[ps.pos] = lineedit_text(&ps.field);
			keys_show(ps.pos - 1);
		}
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (!func && key == 27) {
		if (ps.from_review) {
			ps.step = STEP_REVIEW;
			ps.from_review = false;
			lineedit_clear(&ps.field);
		} else {
			step_code();
			app_message(app, ROLE_NORMAL, "%s", _("Bladet sparades inte."));
		}
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (it->kind != PAPER_WRITE && !func) {
		if (key == L' ' || key == L',')
			return ACT_HANDLED;
		if (iswalpha(key) || key == L'-')
			return letter_key(app, it, key);
		/* Other characters are no box letters; '?' still opens help. */
		if (key >= 0x20 && key != 127 && key != 8)
			return ACT_NONE;
	}
	ps.field.width = 40;
	return lineedit_key(&ps.field, key, func) == LINEEDIT_CHANGED ? ACT_HANDLED | ACT_LAYOUT
								      : ACT_NONE;
}

static unsigned review_save(struct app *app)
{
	char *cause = NULL;
	int rc = paper_sheet_enter(app->store, &ps.sheet, (const char *const *)ps.keys,
				   app->person_id, &ps.result, &cause);

	if (rc < 0) {
		app_message(app, ROLE_ERROR, _("Bladet sparades inte: %s"), cause ? cause : "?");
		free(cause);
	} else if (rc == 1) {
		free(cause);
		app_message(app, ROLE_ERROR,
			    _("Bladet %s är redan inlagt. Ett blad läggs bara in en gång."),
			    ps.sheet.code);
		step_code();
	} else {
		ps.step = STEP_DONE;
		ps.top = 0;
	}
	return ACT_HANDLED | ACT_LAYOUT;
}

static unsigned review_key(struct app *app, wint_t key, bool func)
{
	if (func && key == KEY_UP && ps.pos > 0) {
		ps.pos--;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (func && key == KEY_DOWN && ps.pos + 1 < ps.sheet.n_items) {
		ps.pos++;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (is_enter(key, func)) {
		ps.from_review = true;
		ps.step = STEP_KEYS;
		keys_show(ps.pos);
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (!func && (key == L's' || key == L'S'))
		return review_save(app);
	if (!func && key == 27) {
		step_code();
		app_message(app, ROLE_NORMAL, "%s", _("Bladet sparades inte."));
		return ACT_HANDLED | ACT_LAYOUT;
	}
	return ACT_NONE;
}

static unsigned paper_key_handler(struct app *app, wint_t key, bool func)
{
	switch (ps.step) {
	case STEP_CODE:
		if (!func && key == 27)
			return app_goto(app, SCREEN_HOME);
		if (is_enter(key, func)) {
			char *typed = lineedit_text(&ps.field);
			unsigned act = ACT_HANDLED;

			if (typed[0])
				act = sheet_open(app, typed);
			free(typed);
			return act;
		}
		ps.field.width = 40;
		return lineedit_key(&ps.field, key, func) == LINEEDIT_CHANGED ? ACT_HANDLED
									      : ACT_NONE;
	case STEP_KEYS:
		return keys_key(app, key, func);
	case STEP_REVIEW:
		return review_key(app, key, func);
	case STEP_DONE:
		if (is_enter(key, func)) {
			step_code();
			return ACT_HANDLED | ACT_LAYOUT;
		}
		if (!func && key == 27)
			return app_goto(app, SCREEN_HOME);
		return ACT_NONE;
	}
	return ACT_NONE;
}

static size_t paper_keys(const struct app *app, struct keyhint *out)
{
	size_t n = 0;

	(void)app;
	switch (ps.step) {
	case STEP_CODE:
		out[n++] = (struct keyhint){"Enter", _("Öppna bladet")};
		out[n++] = (struct keyhint){"Esc", _("Tillbaka")};
		break;
	case STEP_KEYS:
		out[n++] = (struct keyhint){
		    "Enter", ps.from_review || ps.pos + 1 >= ps.sheet.n_items ? _("Till granskning")
									      : _("Nästa fråga")};
		if (ps.pos > 0 && !ps.from_review)
			out[n++] = (struct keyhint){"↑", _("Förra frågan")};
		out[n++] = (struct keyhint){"Esc", ps.from_review ? _("Tillbaka") : _("Avbryt")};
		break;
	case STEP_REVIEW:
		out[n++] = (struct keyhint){"S", _("Spara")};
		out[n++] = (struct keyhint){"↑↓", _("Välj")};
		out[n++] = (struct keyhint){"Enter", _("Ändra")};
		out[n++] = (struct keyhint){"Esc", _("Avbryt")};
		break;
	case STEP_DONE:
		out[n++] = (struct keyhint){"Enter", _("Nästa blad")};
		out[n++] = (struct keyhint){"Esc", _("Tillbaka")};
		break;
	}
	return n;
}

static bool paper_typing(const struct app *app)
{
	(void)app;
	return ps.step == STEP_CODE ||
	       (ps.step == STEP_KEYS && ps.open && item_at(ps.pos)->kind == PAPER_WRITE);
}

static void paper_enter(struct app *app)
{
	if (ps.field.max == 0)
		lineedit_init(&ps.field, KEYS_MAX, false, false);
	/* paper_open() may have opened a scanned sheet already. */
	(void)app;
	if (!ps.open)
		step_code();
}

static void paper_leave(struct app *app)
{
	(void)app;
	sheet_close();
	doc_release(&ps.doc);
	lineedit_clear(&ps.field);
	ps.step = STEP_CODE;
	ps.top = 0;
}

static void paper_release(struct app *app)
{
	paper_leave(app);
	lineedit_release(&ps.field);
	memset(&ps, 0, sizeof(ps));
}

const struct screen screen_paper = {
    .enter = paper_enter,
    .leave = paper_leave,
    .release = paper_release,
    .layout = paper_layout,
    .draw = paper_draw,
    .key = paper_key_handler,
    .keys = paper_keys,
    .typing = paper_typing,
    .help = N_("Här lägger du in svaren från provblad på papper.\n\n"
	       "Skanna QR-koden på bladet, eller skriv koden under den och tryck Enter. "
	       "Stora eller små bokstäver och mellanslag spelar ingen roll.\n\n"
	       "Skriv sedan svaren precis som de är ikryssade: en bokstav för frågor med ett "
	       "svar, bokstäverna för alla ikryssade rutor när flera svar kan vara rätt, och "
	       "för parfrågor en bokstav per nummer i ordning (- för ett nummer utan svar). "
	       "Enter tar dig till nästa fråga, pil upp till förra.\n\n"
	       "Till sist ser du alla svar. Välj en fråga och tryck Enter för att ändra den, "
	       "eller S för att spara. Ett blad kan bara läggas in en gång."),
};
