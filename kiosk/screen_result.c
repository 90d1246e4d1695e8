/*
 * The result of a quiz or pre-test: the score, passed or not against the
 * pass mark, right/total per topic, the gain since the pre-test, what to do
 * next ("Försök igen" starts a new attempt with a fresh shuffle), and when
 * feedback was held back (pre-test, `feedback: end`) a review of every
 * answer with its feedback.
 */
#include "kiosk/kiosk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

#define TAG_NONE (-1)

static void result_leave(struct app *app)
{
	struct result_state *r = &app->result;

	if (r->answers) {
		for (size_t i = 0; i < r->attempt.n_items; i++)
			free(r->answers[i]);
		free(r->answers);
	}
	free(r->marks);
	attempt_topics_free(&r->topics, r->n_topics);
	attempt_release(&r->attempt);
	doc_release(&r->doc);
	memset(r, 0, sizeof(*r));
}

/* Right/total per topic from the answers, counted as core counts them
 * (attempt_topics_add: a preview's attempt is not stored, so this cannot be
 * read back with attempt_topics), then the topics named in the session's
 * language. */
static void count_topics(struct app *app)
{
	struct result_state *r = &app->result;

	for (size_t i = 0; i < r->attempt.n_items; i++) {
		char *cause = NULL;
		const struct kquestion *k =
		    kcourse_question(app, r->attempt.items[i].version_id, &cause);

		free(cause);
		if (k == NULL || !question_is_scored(&k->q))
			continue;
		attempt_topics_add(&r->topics, &r->n_topics, k->topic, r->answers[i] != NULL,
				   r->marks[i]);
	}
	for (size_t t = 0; t < r->n_topics; t++) {
		char *name = kcourse_topic_name(app, r->topics[t].topic);

		free(r->topics[t].topic);
		r->topics[t].topic = name;
	}
}

unsigned result_show(struct app *app, struct attempt *a, char **answers, double *marks)
{
	struct result_state *r = &app->result;
	char *cause = NULL;

	result_leave(app);
	r->attempt = *a;
	memset(a, 0, sizeof(*a));
	r->answers = answers;
	r->marks = marks;
	count_topics(app);
	if (!app->preview && r->attempt.kind != ATTEMPT_PRE) {
		struct attempt pre = {0};

		if (attempt_latest_finished(app->store, app->person_id, r->attempt.course_id,
					    ATTEMPT_PRE, &pre, &cause) == 1) {
			r->has_pre = true;
			r->pre_score = pre.score;
		}
		free(cause);
		attempt_release(&pre);
	}
	if (r->attempt.kind == ATTEMPT_PRE) {
		r->actions[r->n_actions++] = CA_LESSONS;
		r->actions[r->n_actions++] = CA_BACK;
	} else if (r->attempt.passed) {
		r->actions[r->n_actions++] = CA_BACK;
		r->actions[r->n_actions++] = CA_QUIZ;
	} else {
		r->actions[r->n_actions++] = CA_QUIZ;
		r->actions[r->n_actions++] = CA_LESSONS;
		r->actions[r->n_actions++] = CA_BACK;
	}
	/* The course's status changed: passed, or tried. */
	course_status_release(&app->crs.status);
	if (!app->preview && progress_course(app->store, app->person_id, app->course.id,
					     &app->crs.status, &cause) < 0)
		free(cause);
	return app_goto(app, SCREEN_RESULT);
}

static const char *action_label(const struct app *app, enum course_action a)
{
	const struct result_state *r = &app->result;

	switch (a) {
	case CA_LESSONS:
		return r->attempt.kind == ATTEMPT_PRE ? _("Läs lektionerna")
						      : _("Läs lektionerna igen");
	case CA_QUIZ:
		return r->attempt.passed ? _("Gör testet igen") : _("Försök igen");
	case CA_BACK:
		return app->preview ? _("Avsluta förhandsvisningen")
				    : _("Tillbaka till dina kurser");
	default:
		return "";
	}
}

static void review(struct app *app, int width)
{
	struct result_state *r = &app->result;
	int num = 0;

	doc_blank(&r->doc);
	ui_para(&r->doc, _("Dina svar"), 0, width, ROLE_HEADING, TAG_NONE);
	for (size_t i = 0; i < r->attempt.n_items; i++) {
		char *cause = NULL, *head, *said;
		const struct kquestion *k =
		    kcourse_question(app, r->attempt.items[i].version_id, &cause);

		free(cause);
		if (k == NULL || k->q.type == QUESTION_DESCRIPTION)
			continue;
		num++;
		doc_blank(&r->doc);
		head = xasprintf("%d. %s", num, k->q.stem);
		{
			/* A hanging indent, so the numbers stand out in a long list. */
			struct cellbuf b = {0};

			text_decode(head, strlen(head), true, &b, ROLE_NORMAL, 0);
			doc_wrap(&r->doc, b.cells, b.n, 0, 3, width, TAG_NONE);
			cellbuf_release(&b);
		}
		free(head);
		if (r->answers[i] == NULL) {
			ui_para(&r->doc, _("Inte besvarad."), 3, width, ROLE_WRONG, TAG_NONE);
			continue;
		}
		said = answer_describe(&k->q, r->answers[i]);
		ui_para(&r->doc, said, 3, width, ROLE_DIM, TAG_NONE);
		free(said);
		answer_feedback(&r->doc, &k->q, r->answers[i], r->marks[i], 3, width, TAG_NONE);
	}
}

static void result_layout(struct app *app)
{
	struct result_state *r = &app->result;
	struct cellbuf b = {0};
	int width = COLS - 4, right = 0, total = 0;
	bool pre = r->attempt.kind == ATTEMPT_PRE;
	char *line;
	int first, last;

	if (width > 100)
		width = 100;
	doc_release(&r->doc);
	for (size_t t = 0; t < r->n_topics; t++) {
		right += r->topics[t].right;
		total += r->topics[t].total;
	}
	line = xasprintf(ngettext("Du fick %.0f %% (%d av %d fråga helt rätt).",
				  "Du fick %.0f %% (%d av %d frågor helt rätt).",
				  (unsigned long)total),
			 r->attempt.score, right, total);
	cellbuf_addstr(&b, line, ROLE_NORMAL, CELL_BOLD);
	doc_wrap(&r->doc, b.cells, b.n, 0, 0, width, TAG_NONE);
	free(line);
	doc_blank(&r->doc);
	if (pre) {
		ui_para(
		    &r->doc,
		    _("Det här är din startpunkt. Läs nu lektionerna. När du gör kunskapstestet "
		      "ser du hur mycket du har lärt dig."),
		    0, width, ROLE_NORMAL, TAG_NONE);
	} else if (r->attempt.passed) {
		line = xasprintf(_("Godkänt! Du har klarat kursen (minst %d %% krävs)."),
				 app->course.pass_mark);
		ui_para(&r->doc, line, 0, width, ROLE_OK, TAG_NONE);
		free(line);
	} else {
		line = xasprintf(_("Inte godkänt än: det krävs minst %d %%. Läs lektionerna igen "
				   "och försök en gång till."),
				 app->course.pass_mark);
		ui_para(&r->doc, line, 0, width, ROLE_WRONG, TAG_NONE);
		free(line);
	}
	if (r->has_pre) {
		double gain = r->attempt.score - r->pre_score;

		line =
		    xasprintf(_("Förtestet: %.0f %%. Nu: %.0f %%. Skillnad: %+.0f procentenheter."),
			      r->pre_score, r->attempt.score, floor(gain + 0.5));
		ui_para(&r->doc, line, 0, width, ROLE_NORMAL, TAG_NONE);
		free(line);
	}
	if (r->n_topics) {
		doc_blank(&r->doc);
		ui_para(&r->doc, _("Per område:"), 0, width, ROLE_HEADING, TAG_NONE);
	}
	for (size_t t = 0; t < r->n_topics; t++) {
		int w;

		cellbuf_reset(&b);
		cellbuf_addstr(&b, r->topics[t].topic, ROLE_NORMAL, 0);
		w = cellbuf_width(b.cells, b.n);
		for (int k = w; k < 40; k++)
			cellbuf_add(&b, L' ', ROLE_NORMAL, 0);
		line = xasprintf(_("%d av %d rätt"), r->topics[t].right, r->topics[t].total);
		cellbuf_addstr(&b, line, ROLE_NORMAL, 0);
		free(line);
		doc_wrap(&r->doc, b.cells, b.n, 2, 4, width, TAG_NONE);
	}
	doc_blank(&r->doc);
	for (size_t i = 0; i < r->n_actions; i++) {
		bool sel = i == r->sel;
		char num[32];

		cellbuf_reset(&b);
		snprintf(num, sizeof(num), "%s%zu  ", sel ? "> " : "  ", i + 1);
		cellbuf_addstr(&b, num, sel ? ROLE_SELECTED : ROLE_NORMAL, 0);
		cellbuf_addstr(&b, action_label(app, r->actions[i]),
			       sel ? ROLE_SELECTED : ROLE_NORMAL, 0);
		doc_wrap(&r->doc, b.cells, b.n, 0, 5, width, (int)i);
	}
	cellbuf_release(&b);
	if (pre || app->course.feedback_end)
		review(app, width);
	if (ui_find_tag(&r->doc, (int)r->sel, &first, &last))
		ui_follow(&r->top, first, last, (LINES - 3) - 3, (int)r->doc.n);
}

static struct cursor result_draw(const struct app *app)
{
	const struct result_state *r = &app->result;
	int y0 = ui_top() + 2, rows = (LINES - 3) - 3;
	struct cursor cur = {y0, 2};
	int first, last;
	char head[256];

	snprintf(head, sizeof(head), "%s",
		 r->attempt.kind == ATTEMPT_PRE ? _("Förtestet är klart") : _("Resultat"));
	{
		int w = text_draw(ui_top(), 2, head, COLS - 4, ROLE_HEADING);

		text_draw(ui_top(), w + 6, app->course.title, COLS - w - 8, ROLE_DIM);
	}
	ui_draw_doc(&r->doc, r->top, y0, 2, rows, COLS - 4);
	if (r->top + rows < (int)r->doc.n)
		text_draw(y0 + rows, 2, _("Mer nedanför: PgDn."), COLS - 4, ROLE_DIM);
	if (ui_find_tag(&r->doc, (int)r->sel, &first, &last) && first >= r->top &&
	    first < r->top + rows)
		cur = (struct cursor){y0 + first - r->top, 2};
	return cur;
}

static unsigned run_action(struct app *app, enum course_action a)
{
	switch (a) {
	case CA_LESSONS:
		return lesson_open(app, 1);
	case CA_QUIZ:
		return quiz_begin(app, app->crs.status.state == COURSE_REFRESH_DUE ? ATTEMPT_REFRESH
										   : ATTEMPT_QUIZ);
	case CA_BACK:
		if (app->preview)
			return ACT_HANDLED | ACT_QUIT;
		return app_goto(app, SCREEN_HOME);
	default:
		return ACT_HANDLED;
	}
}

static unsigned result_key(struct app *app, wint_t key, bool func)
{
	struct result_state *r = &app->result;
	int rows = (LINES - 3) - 3;

	if (func && key == KEY_UP) {
		if (r->sel > 0)
			r->sel--;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (func && key == KEY_DOWN) {
		if (r->sel + 1 < r->n_actions)
			r->sel++;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (func && (key == KEY_PPAGE || key == KEY_NPAGE)) {
		int max_top = (int)r->doc.n - rows;

		r->top += key == KEY_PPAGE ? -(rows - 1) : rows - 1;
		if (r->top > max_top)
			r->top = max_top;
		if (r->top < 0)
			r->top = 0;
		return ACT_HANDLED;
	}
	if (!func && key >= L'1' && key <= L'9' && (size_t)(key - L'1') < r->n_actions) {
		r->sel = (size_t)(key - L'1');
		return run_action(app, r->actions[r->sel]);
	}
	if ((!func && (key == L'\n' || key == L'\r')) || (func && key == KEY_ENTER))
		return run_action(app, r->actions[r->sel]);
	if (!func && key == 27)
		return run_action(app, CA_BACK);
	return ACT_NONE;
}

static size_t result_keys(const struct app *app, struct keyhint *out)
{
	size_t n = 0;

	out[n++] = (struct keyhint){"↑↓", _("Välj")};
	out[n++] = (struct keyhint){"Enter", _("Gör det")};
	/* Only when there is more than one screen: a key that does nothing
	 * visible makes a hurried reader think something is wrong. */
	if ((int)app->result.doc.n > (LINES - 3) - 3)
		out[n++] = (struct keyhint){"PgUp/PgDn", _("Rulla")};
	return n;
}

const struct screen screen_result = {
    .leave = result_leave,
    .layout = result_layout,
    .draw = result_draw,
    .key = result_key,
    .keys = result_keys,
    .help = N_("Här ser du hur det gick: hur stor del som var rätt, om du blev godkänd och hur "
	       "det gick inom varje område.\n\n"
	       "Välj vad du vill göra sedan med pil upp och pil ned och tryck Enter. Försök "
	       "igen ger nya frågor i ny ordning.\n\n"
	       "Finns det en genomgång av dina svar längre ned, rulla dit med PgDn."),
};
