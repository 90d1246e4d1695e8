/*
 * The security-culture survey at the kiosk: the introduction, one statement
 * at a time rated 1-5 on the survey's own scale (keys 1-5, or the arrows
 * and Enter), a review of every answer, and sending them through core's
 * survey_submit, which stores them without the person, the day or the time
 * and records only that the person took part. Nothing is stored before the
 * person sends; leaving earlier keeps the survey on offer. Once sent, the
 * round is never offered to the person again (survey_pending).
 */
#include "kiosk/kiosk.h"

#include <stdlib.h>
#include <string.h>

#include "core/day.h"
#include "core/xmalloc.h"

/* The review's send button has this tag; items have their index. */
#define TAG_SEND(n) ((int)(n))

static void survey_leave(struct app *app)
{
	struct survey_state *s = &app->survey;

	survey_form_release(&s->form);
	free(s->values);
	doc_release(&s->doc);
	memset(s, 0, sizeof(*s));
}

static void survey_enter(struct app *app)
{
	struct survey_state *s = &app->survey;
	char *cause = NULL;
	int found;

	survey_leave(app);
	found = survey_pending(app->store, app->person_id, day_today(), &s->form, &cause);
	if (found < 0) {
		app_error(app, cause);
		return;
	}
	s->open = found == 1;
	s->values = xcalloc(s->form.n_items ? s->form.n_items : 1, sizeof(*s->values));
	s->phase = SURVEY_INTRO;
}

static void layout_intro(struct app *app, int width)
{
	struct survey_state *s = &app->survey;
	char *text;

	figure_heading(&s->doc, s->form.title, width);
	doc_blank(&s->doc);
	if (s->form.intro && s->form.intro[0]) {
		ui_para(&s->doc, s->form.intro, 0, width, ROLE_NORMAL, -1);
		doc_blank(&s->doc);
	}
	text = xasprintf(ngettext("Enkäten har %zu påstående. Svara hur väl det stämmer för dig, "
				  "från 1 till 5.",
				  "Enkäten har %zu påståenden. Svara hur väl vart och ett stämmer "
				  "för dig, från 1 till 5.",
				  (unsigned long)s->form.n_items),
			 s->form.n_items);
	ui_para(&s->doc, text, 0, width, ROLE_NORMAL, -1);
	free(text);
	ui_para(&s->doc,
		_("Du kan bara svara en gång. Inget sparas förrän du skickar svaren, och då "
		  "sparas de utan ditt namn."),
		0, width, ROLE_NORMAL, -1);
	doc_blank(&s->doc);
	ui_para(&s->doc, _("Tryck Enter för att börja."), 0, width, ROLE_DIM, -1);
}

static void layout_item(struct app *app, int width)
{
	struct survey_state *s = &app->survey;
	const struct survey_form_item *it = &s->form.items[s->pos];
	struct cellbuf b = {0};
	char *head = xasprintf(_("Påstående %zu av %zu"), s->pos + 1, s->form.n_items);

	ui_para(&s->doc, head, 0, width, ROLE_DIM, -1);
	free(head);
	doc_blank(&s->doc);
	cellbuf_addstr(&b, it->text, ROLE_NORMAL, CELL_BOLD);
	doc_wrap(&s->doc, b.cells, b.n, 0, 0, width, -1);
	doc_blank(&s->doc);
	for (size_t v = 0; v < SURVEY_SCALE_POINTS; v++) {
		bool focus = v == s->choice, chosen = s->values[s->pos] == (int)v + 1;
		enum theme_role role = focus ? ROLE_SELECTED : ROLE_NORMAL;
		char num[32];

		snprintf(num, sizeof(num), "%zu  ", v + 1);
		cellbuf_reset(&b);
		cellbuf_addstr(&b, focus ? "> " : "  ", role, 0);
		cellbuf_addstr(&b, num, role, CELL_BOLD);
		cellbuf_addstr(&b, s->form.scale[v], role, 0);
		if (chosen)
			cellbuf_addstr(&b, _("  (ditt svar)"), ROLE_OK, 0);
		doc_wrap(&s->doc, b.cells, b.n, 2, 7, width, (int)v);
	}
	cellbuf_release(&b);
}

static void layout_review(struct app *app, int width)
{
	struct survey_state *s = &app->survey;
	struct cellbuf b = {0};
	size_t unanswered = 0;
	int first, last;

	figure_heading(&s->doc, _("Dina svar"), width);
	ui_para(&s->doc, _("Välj ett påstående och tryck Enter för att ändra svaret."), 0, width,
		ROLE_DIM, -1);
	doc_blank(&s->doc);
	for (size_t i = 0; i < s->form.n_items; i++) {
		bool sel = i == s->sel;
		int v = s->values[i];
		char num[32];

		snprintf(num, sizeof(num), "%2zu. ", i + 1);
		cellbuf_reset(&b);
		cellbuf_addstr(&b, sel ? "> " : "  ", sel ? ROLE_SELECTED : ROLE_NORMAL, 0);
		cellbuf_addstr(&b, num, sel ? ROLE_SELECTED : ROLE_NORMAL, 0);
		cellbuf_addstr(&b, s->form.items[i].text, sel ? ROLE_SELECTED : ROLE_NORMAL, 0);
		doc_wrap(&s->doc, b.cells, b.n, 0, 6, width, (int)i);
		cellbuf_reset(&b);
		if (v >= 1 && v <= SURVEY_SCALE_POINTS) {
			char ans[32];

			snprintf(ans, sizeof(ans), "%d ", v);
			cellbuf_addstr(&b, "→ ", ROLE_DIM, 0);
			cellbuf_addstr(&b, ans, ROLE_OK, CELL_BOLD);
			cellbuf_addstr(&b, s->form.scale[v - 1], ROLE_OK, 0);
		} else {
			cellbuf_addstr(&b, _("→ inte besvarat"), ROLE_WRONG, 0);
			unanswered++;
		}
		doc_wrap(&s->doc, b.cells, b.n, 6, 8, width, (int)i);
	}
	doc_blank(&s->doc);
	if (unanswered) {
		char *t = xasprintf(ngettext("%zu påstående är inte besvarat. Det räknas inte.",
					     "%zu påståenden är inte besvarade. De räknas inte.",
					     (unsigned long)unanswered),
				    unanswered);

		ui_para(&s->doc, t, 0, width, ROLE_DIM, TAG_SEND(s->form.n_items));
		free(t);
	}
	cellbuf_reset(&b);
	{
		bool sel = s->sel == s->form.n_items;

		cellbuf_addstr(&b, sel ? "> " : "  ", sel ? ROLE_SELECTED : ROLE_NORMAL, 0);
		cellbuf_addstr(&b, _("Skicka svaren"), sel ? ROLE_SELECTED : ROLE_NORMAL,
			       CELL_BOLD);
		doc_wrap(&s->doc, b.cells, b.n, 0, 2, width, TAG_SEND(s->form.n_items));
	}
	cellbuf_release(&b);
	if (ui_find_tag(&s->doc, (int)s->sel, &first, &last))
		ui_follow(&s->top, first, last, ui_bottom() - 1 - (ui_top() + 1),
			  (int)s->doc.n);
}

static void survey_layout(struct app *app)
{
	struct survey_state *s = &app->survey;
	int width = COLS - 4;

	if (width > 90)
		width = 90;
	doc_release(&s->doc);
	if (!s->open || s->form.n_items == 0) {
		ui_para(&s->doc, _("Det finns ingen enkät för dig att svara på just nu."), 0, width,
			ROLE_NORMAL, -1);
		return;
	}
	if (s->phase == SURVEY_INTRO)
		layout_intro(app, width);
	else if (s->phase == SURVEY_ITEM)
		layout_item(app, width);
	else
		layout_review(app, width);
}

static struct cursor survey_draw(const struct app *app)
{
	const struct survey_state *s = &app->survey;
	int y0 = ui_top() + 1, rows = ui_bottom() - 1 - y0;
	int top = s->phase == SURVEY_REVIEW ? s->top : 0;
	struct cursor cur = {y0, 2};
	int first, last;

	ui_draw_doc(&s->doc, top, y0, 2, rows, COLS - 4);
	if (top + rows < (int)s->doc.n)
		text_draw(y0 + rows, COLS - 24, _("(mer nedanför)"), 22, ROLE_DIM);
	if (s->open && s->phase != SURVEY_INTRO) {
		int tag = s->phase == SURVEY_ITEM ? (int)s->choice : (int)s->sel;

		if (ui_find_tag(&s->doc, tag, &first, &last) && first >= top && first < top + rows)
			cur = (struct cursor){y0 + first - top, 2};
	}
	return cur;
}

/* Shows item pos, its answer focused (or the middle of the scale). */
static void show_item(struct survey_state *s, size_t pos)
{
	s->phase = SURVEY_ITEM;
	s->pos = pos;
	s->choice = s->values[pos] ? (size_t)(s->values[pos] - 1) : SURVEY_SCALE_POINTS / 2;
}

static void show_review(struct survey_state *s)
{
	s->phase = SURVEY_REVIEW;
	s->from_review = true;
	s->sel = s->form.n_items;
	s->top = 0;
}

/* After an answer (or a skip): the next item, or the review. */
static void item_done(struct survey_state *s)
{
	if (s->from_review) {
		size_t pos = s->pos;

		/* Back to the line that was changed. */
		show_review(s);
		s->sel = pos;
	} else if (s->pos + 1 >= s->form.n_items) {
		show_review(s);
	} else {
		show_item(s, s->pos + 1);
	}
}

static unsigned survey_send(struct app *app)
{
	struct survey_state *s = &app->survey;
	long long *ids = xcalloc(s->form.n_items ? s->form.n_items : 1, sizeof(*ids));
	char *cause = NULL;
	int rc;

	for (size_t i = 0; i < s->form.n_items; i++)
		ids[i] = s->form.items[i].id;
	rc = survey_submit(app->store, s->form.round_id, app->person_id, ids, s->values,
			   s->form.n_items, &cause);
	free(ids);
	if (rc < 0) {
		app_error(app, cause);
		return ACT_HANDLED;
	}
	free(cause);
	/* The home screen asks core again, so the survey is no longer offered. */
	if (rc == 0)
		app_message(app, ROLE_OK, "%s",
			    _("Tack! Dina svar är sparade utan ditt namn."));
	else
		app_message(app, ROLE_ERROR, "%s",
			    _("Svaren kunde inte sparas: du har redan svarat, eller så har "
			      "enkäten stängt."));
	return app_goto(app, SCREEN_HOME);
}

static bool is_enter(wint_t key, bool func)
{
	return (!func && (key == L'\n' || key == L'\r')) || (func && key == KEY_ENTER);
}

static unsigned key_item(struct app *app, wint_t key, bool func)
{
	struct survey_state *s = &app->survey;

	if (!func && key >= L'1' && key < L'1' + SURVEY_SCALE_POINTS) {
		s->values[s->pos] = (int)(key - L'0');
		item_done(s);
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (func && key == KEY_UP) {
		if (s->choice > 0)
			s->choice--;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (func && key == KEY_DOWN) {
		if (s->choice + 1 < SURVEY_SCALE_POINTS)
			s->choice++;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (is_enter(key, func)) {
		s->values[s->pos] = (int)s->choice + 1;
		item_done(s);
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (func && key == KEY_RIGHT) {
		item_done(s);
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (func && key == KEY_LEFT) {
		if (s->from_review)
			show_review(s);
		else if (s->pos > 0)
			show_item(s, s->pos - 1);
		else
			s->phase = SURVEY_INTRO;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	return ACT_NONE;
}

static unsigned key_review(struct app *app, wint_t key, bool func)
{
	struct survey_state *s = &app->survey;

	if (func && key == KEY_UP) {
		if (s->sel > 0)
			s->sel--;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (func && key == KEY_DOWN) {
		if (s->sel < s->form.n_items)
			s->sel++;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (func && (key == KEY_HOME || key == KEY_END)) {
		s->sel = key == KEY_HOME ? 0 : s->form.n_items;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (is_enter(key, func)) {
		if (s->sel >= s->form.n_items)
			return survey_send(app);
		show_item(s, s->sel);
		return ACT_HANDLED | ACT_LAYOUT;
	}
	return ACT_NONE;
}

static unsigned survey_key(struct app *app, wint_t key, bool func)
{
	struct survey_state *s = &app->survey;

	if ((!func && key == 27) || !s->open || s->form.n_items == 0) {
		if ((!func && key == 27) || is_enter(key, func)) {
			if (s->open)
				app_message(app, ROLE_NORMAL, "%s",
					    _("Enkäten är inte skickad. Du kan svara senare."));
			return app_goto(app, SCREEN_HOME);
		}
		return ACT_NONE;
	}
	switch (s->phase) {
	case SURVEY_INTRO:
		if (is_enter(key, func) || (func && key == KEY_RIGHT)) {
			show_item(s, 0);
			return ACT_HANDLED | ACT_LAYOUT;
		}
		return ACT_NONE;
	case SURVEY_ITEM:
		return key_item(app, key, func);
	case SURVEY_REVIEW:
		return key_review(app, key, func);
	}
	return ACT_NONE;
}

static size_t survey_keys(const struct app *app, struct keyhint *out)
{
	const struct survey_state *s = &app->survey;
	size_t n = 0;

	if (s->open && s->phase == SURVEY_ITEM) {
		out[n++] = (struct keyhint){"1-5", _("Svara")};
		out[n++] = (struct keyhint){"←", _("Förra")};
		out[n++] = (struct keyhint){"→", _("Hoppa över")};
	} else if (s->open && s->phase == SURVEY_REVIEW) {
		out[n++] = (struct keyhint){"↑↓", _("Välj")};
		out[n++] = (struct keyhint){"Enter", s->sel >= s->form.n_items ? _("Skicka")
									 : _("Ändra")};
	} else if (s->open) {
		out[n++] = (struct keyhint){"Enter", _("Börja")};
	}
	out[n++] = (struct keyhint){"Esc", _("Avbryt")};
	return n;
}

const struct screen screen_survey = {
    .enter = survey_enter,
    .leave = survey_leave,
    .layout = survey_layout,
    .draw = survey_draw,
    .key = survey_key,
    .keys = survey_keys,
    .help = N_("Enkäten handlar om hur vi tänker och gör när det gäller informationssäkerhet. "
	       "Det finns inga rätta eller fel svar.\n\n"
	       "Svara på varje påstående med en siffra från 1 till 5, eller välj med pil upp och "
	       "pil ned och tryck Enter. Pil vänster går tillbaka, pil höger hoppar över ett "
	       "påstående.\n\n"
	       "Sist ser du alla dina svar och kan ändra dem innan du skickar. Svaren sparas utan "
	       "ditt namn och utan tid, och visas bara som medelvärden för grupper. Du kan bara "
	       "svara en gång.\n\n"
	       "Esc avbryter utan att något sparas."),
};
