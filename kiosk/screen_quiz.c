/*
 * The quiz (and the pre-test): one question a screen, in the order and with
 * the choice order of the attempt's plan. Every answer is committed to the
 * store the moment it is given (core/attempt.h), before anything else is
 * shown, so whatever ends the session, the answers acknowledged on screen
 * are kept. The item shown and the text typed but not sent are saved with
 * the attempt too (on every new item, after a pause in typing, and when the
 * screen is left for any reason, SIGHUP and SIGTERM included), so the
 * attempt resumes on the same description or question with that text.
 *
 * Input by type: single choice and true/false by digit, or arrows and Enter;
 * multiple choice Space (or the digit) toggles and Enter submits; matching
 * picks a lettered right-hand item for each numbered left item; short answer
 * and numerical in a line editor; essay in a multi-line editor, Tab submits.
 * Feedback follows each answer unless the course says `feedback: end` or
 * this is a pre-test; then it comes with the result.
 */
#include "kiosk/kiosk.h"

#include <stdlib.h>
#include <string.h>
#include <wctype.h>

#include "core/xmalloc.h"

static unsigned finish(struct app *app);
static void save_place(struct app *app);

static void quiz_release(struct app *app)
{
	struct quiz_state *q = &app->quiz;

	/* Esc, logout, idle, SIGHUP and SIGTERM all pass here: what was typed
	 * and not sent is kept for the resume. */
	if (q->draft_dirty)
		save_place(app);
	if (q->answers) {
		for (size_t i = 0; i < q->attempt.n_items; i++)
			free(q->answers[i]);
		free(q->answers);
	}
	free(q->marks);
	free(q->ticked);
	free(q->match);
	free(q->lefts);
	free(q->rights);
	lineedit_release(&q->edit);
	doc_release(&q->doc);
	attempt_release(&q->attempt);
	memset(q, 0, sizeof(*q));
}

static bool is_answered(const struct quiz_state *q, size_t pos)
{
	return q->answers[pos] != NULL;
}

/* Whether the item at pos is a description (text only, nothing to answer). */
static bool is_description(struct app *app, size_t pos)
{
	const struct kquestion *k;
	char *cause = NULL;

	k = kcourse_question(app, app->quiz.attempt.items[pos].version_id, &cause);
	free(cause);
	return k && k->q.type == QUESTION_DESCRIPTION;
}

/*
 * Where an attempt continues. A description has no answer, so the answers
 * alone cannot say whether the person had reached one: the place saved
 * with the attempt (attempt_save_place) does. When it names an item not
 * answered, that is where the person was, description or question, and
 * that is where they come back. Without it (an attempt from before places
 * were saved): at the start when nothing is answered yet, else at the first
 * question not answered, past the descriptions before it.
 */
static size_t first_open(struct app *app)
{
	struct quiz_state *q = &app->quiz;
	size_t pos = 0;
	bool any = false;

	if (q->attempt.has_place && q->attempt.place < q->attempt.n_items &&
	    !is_answered(q, q->attempt.place))
		return q->attempt.place;
	for (size_t i = 0; i < q->attempt.n_items; i++)
		any = any || is_answered(q, i);
	if (!any)
		return 0;
	while (pos < q->attempt.n_items && (is_answered(q, pos) || is_description(app, pos)))
		pos++;
	return pos;
}

/* The display order of choice k. */
size_t quiz_order_at(const struct attempt_item *it, size_t k)
{
	if (k < it->n_order && it->order[k] >= 0)
		return (size_t)it->order[k];
	return k;
}

/* Sets up the input for the question at q->pos. */
static void prepare(struct app *app)
{
	struct quiz_state *q = &app->quiz;
	const struct kquestion *kq = quiz_current(app);
	const struct attempt_item *it;

	free(q->ticked);
	free(q->match);
	free(q->lefts);
	free(q->rights);
	q->ticked = NULL;
	q->match = NULL;
	q->lefts = NULL;
	q->rights = NULL;
	q->n_lefts = q->n_rights = 0;
	q->sel = 0;
	q->top = 0;
	lineedit_release(&q->edit);
	if (kq == NULL)
		return;
	q->type = kq->q.type;
	it = &q->attempt.items[q->pos];
	switch (kq->q.type) {
	case QUESTION_MULTI:
		q->ticked = xcalloc(kq->q.n_answers ? kq->q.n_answers : 1, sizeof(bool));
		break;
	case QUESTION_MATCHING: {
		size_t n = kq->q.n_pairs;

		q->match = xreallocarray(NULL, n ? n : 1, sizeof(int));
		q->lefts = xreallocarray(NULL, n ? n : 1, sizeof(size_t));
		q->rights = xreallocarray(NULL, n ? n : 1, sizeof(size_t));
		for (size_t i = 0; i < n; i++) {
			q->match[i] = -1;
			if (kq->q.pairs[i].left[0])
				q->lefts[q->n_lefts++] = i;
		}
		/* Right-hand items in the plan's order, each text once. */
		for (size_t k = 0; k < n; k++) {
			size_t j = quiz_order_at(it, k);
			bool dup = false;

			if (j >= n)
				continue;
			for (size_t m = 0; m < q->n_rights; m++)
				dup = dup || strcmp(kq->q.pairs[q->rights[m]].right,
						    kq->q.pairs[j].right) == 0;
			if (!dup)
				q->rights[q->n_rights++] = j;
		}
		break;
	}
	case QUESTION_SHORTANSWER:
	case QUESTION_NUMERICAL:
		lineedit_init(&q->edit, 200, false, false);
		break;
	case QUESTION_ESSAY:
		lineedit_init(&q->edit, 4000, true, false);
		break;
	default:
		break;
	}
	if (q->edit.max > 0 && q->attempt.draft && q->attempt.has_place &&
	    q->attempt.place == q->pos)
		lineedit_set(&q->edit, q->attempt.draft);
	save_place(app);
}

/* Saves the position shown and the field's text (only what the person
 * typed). A failure is not shown: the answers given are safe either way, and
 * the next save tries again. */
static void save_place(struct app *app)
{
	struct quiz_state *q = &app->quiz;
	char *text = NULL, *cause = NULL;

	if (app->preview || q->attempt.id == 0 || q->phase != QUIZ_ASK ||
	    q->pos >= q->attempt.n_items)
		return;
	if (q->edit.max > 0)
		text = lineedit_text(&q->edit);
	if (attempt_save_place(app->store, q->attempt.id, q->pos, text, &cause) == 0) {
		q->draft_dirty = false;
		/* The stored draft is now this one. */
		free(q->attempt.draft);
		q->attempt.draft = text && *text ? xstrdup(text) : NULL;
		q->attempt.has_place = true;
		q->attempt.place = q->pos;
	}
	free(cause);
	free(text);
}

void quiz_pause_save(struct app *app)
{
	if (app->quiz.draft_dirty)
		save_place(app);
}

const struct kquestion *quiz_current(struct app *app)
{
	struct quiz_state *q = &app->quiz;
	const struct kquestion *k;
	char *cause = NULL;

	if (q->pos >= q->attempt.n_items)
		return NULL;
	k = kcourse_question(app, q->attempt.items[q->pos].version_id, &cause);
	if (k == NULL)
		app_error(app, cause);
	return k;
}

/* The number of the question at pos among the answerable ones, and how many
 * there are. */
void quiz_numbering(struct app *app, size_t pos, int *num, int *total)
{
	struct quiz_state *q = &app->quiz;

	*num = 0;
	*total = 0;
	for (size_t i = 0; i < q->attempt.n_items; i++) {
		char *cause = NULL;
		const struct kquestion *k =
		    kcourse_question(app, q->attempt.items[i].version_id, &cause);

		free(cause);
		if (k && k->q.type == QUESTION_DESCRIPTION)
			continue;
		(*total)++;
		if (i <= pos)
			*num = *total;
	}
}

/* Loads the answers already stored for the attempt. */
static int load_answers(struct app *app, char **cause)
{
	struct quiz_state *q = &app->quiz;
	struct attempt_response *r = NULL;
	size_t n = q->attempt.n_items, nr = 0;

	q->answers = xcalloc(n ? n : 1, sizeof(char *));
	q->marks = xcalloc(n ? n : 1, sizeof(double));
	if (app->preview)
		return 0;
	if (attempt_responses(app->store, q->attempt.id, &r, &nr, cause) < 0)
		return -1;
	for (size_t i = 0; i < nr; i++) {
		size_t pos = r[i].position;

		/* Trust the version, not only the position. */
		if (pos >= n || q->attempt.items[pos].version_id != r[i].version_id)
			for (pos = 0; pos < n; pos++)
				if (q->attempt.items[pos].version_id == r[i].version_id)
					break;
		if (pos >= n || q->answers[pos])
			continue;
		q->answers[pos] = r[i].answer;
		r[i].answer = NULL;
		q->marks[pos] = r[i].mark;
	}
	attempt_responses_free(&r, nr);
	return 0;
}

/* Makes sure the course screen's status belongs to the open course. */
static void status_load(struct app *app)
{
	char *cause = NULL;

	if (app->preview || app->crs.status.course_id == app->course.id)
		return;
	course_status_release(&app->crs.status);
	if (progress_course(app->store, app->person_id, app->course.id, &app->crs.status, &cause) <
	    0)
		free(cause);
}

/* A preview's plan: every question in file order, choices as written. */
static void preview_plan(struct app *app, enum attempt_kind kind)
{
	struct attempt *a = &app->quiz.attempt;

	a->kind = kind;
	a->n_items = app->course.n_questions;
	a->items = a->n_items ? xcalloc(a->n_items, sizeof(*a->items)) : NULL;
	for (size_t i = 0; i < a->n_items; i++)
		a->items[i].version_id = app->course.questions[i].version_id;
}

/* Says that the attempt continues, and that the text typed before is kept. */
static void resumed_message(struct app *app)
{
	if (app->quiz.edit.max > 0 && !lineedit_empty(&app->quiz.edit))
		app_message(app, ROLE_NORMAL, "%s",
			    _("Du fortsätter där du slutade. Texten du skrev finns kvar."));
	else
		app_message(app, ROLE_NORMAL, "%s", _("Du fortsätter där du slutade."));
}

unsigned quiz_begin(struct app *app, enum attempt_kind kind)
{
	struct quiz_state *q = &app->quiz;
	char *cause = NULL;

	quiz_release(app);
	if (app->preview) {
		preview_plan(app, kind);
	} else if (attempt_start(app->store, app->person_id, app->course.id, kind,
				 (size_t)app->course.pretest, &q->attempt, &cause) < 0) {
		app_error(app, cause);
		return ACT_HANDLED;
	}
	if (load_answers(app, &cause) < 0) {
		app_error(app, cause);
		quiz_release(app);
		return ACT_HANDLED;
	}
	status_load(app);
	q->pos = first_open(app);
	q->phase = QUIZ_INTRO;
	app_message(app, ROLE_NORMAL, NULL);
	if (q->pos > 0 || q->attempt.has_place) {
		/* An attempt under way: straight back to where the person was. */
		if (q->pos >= q->attempt.n_items)
			return finish(app);
		q->phase = QUIZ_ASK;
		prepare(app);
		resumed_message(app);
	}
	return app_goto(app, SCREEN_QUIZ);
}

unsigned quiz_resume(struct app *app, struct attempt *a)
{
	struct quiz_state *q = &app->quiz;
	char *cause = NULL;

	quiz_release(app);
	q->attempt = *a;
	memset(a, 0, sizeof(*a));
	if (load_answers(app, &cause) < 0) {
		app_error(app, cause);
		quiz_release(app);
		return app_goto(app, SCREEN_HOME);
	}
	status_load(app);
	q->pos = first_open(app);
	if (q->pos >= q->attempt.n_items) {
		/* Every answer was in before the session ended: finish it now. */
		q->phase = QUIZ_ASK;
		return finish(app);
	}
	q->phase = QUIZ_ASK;
	prepare(app);
	return app_goto(app, SCREEN_QUIZ);
}

/* ---- Answering ---------------------------------------------------------- */

static unsigned finish(struct app *app)
{
	struct quiz_state *q = &app->quiz;
	struct attempt a;
	char *cause = NULL;

	if (app->preview) {
		double sum = 0;
		int scored = 0;

		for (size_t i = 0; i < q->attempt.n_items; i++) {
			const struct kquestion *k =
			    kcourse_question(app, q->attempt.items[i].version_id, &cause);

			free(cause);
			cause = NULL;
			if (k == NULL || !question_is_scored(&k->q))
				continue;
			scored++;
			if (q->answers[i] && q->marks[i] > 0)
				sum += q->marks[i];
		}
		q->attempt.score = scored ? 100.0 * sum / scored : 0;
		q->attempt.passed = q->attempt.kind != ATTEMPT_PRE &&
				    q->attempt.score + 1e-9 >= app->course.pass_mark;
		q->attempt.finished = xstrdup("");
	} else if (attempt_finish(app->store, &q->attempt, &cause) < 0) {
		app_error(app, cause);
		return ACT_HANDLED | ACT_LAYOUT;
	}
	{
		char **answers = q->answers;
		double *marks = q->marks;

		a = q->attempt;
		memset(&q->attempt, 0, sizeof(q->attempt));
		q->answers = NULL;
		q->marks = NULL;
		return result_show(app, &a, answers, marks);
	}
}

static unsigned advance(struct app *app)
{
	struct quiz_state *q = &app->quiz;

	q->pos++;
	while (q->pos < q->attempt.n_items && is_answered(q, q->pos))
		q->pos++;
	if (q->pos >= q->attempt.n_items)
		return finish(app);
	q->phase = QUIZ_ASK;
	prepare(app);
	return ACT_HANDLED | ACT_LAYOUT;
}

/* Commits the response and shows feedback or moves on. */
static unsigned commit(struct app *app, const struct question *qq,
		       const struct question_response *r)
{
	struct quiz_state *q = &app->quiz;
	double mark = question_score(qq, r);
	char *json = attempt_answer_to_json(qq, r);
	char *cause = NULL;

	if (!app->preview &&
	    attempt_answer(app->store, q->attempt.id, q->pos, q->attempt.items[q->pos].version_id,
			   json, mark, &cause) < 0) {
		/* Not saved, so not acknowledged: the question stays. */
		free(json);
		app_error(app, cause);
		return ACT_HANDLED | ACT_LAYOUT;
	}
	free(q->answers[q->pos]);
	q->answers[q->pos] = json;
	q->marks[q->pos] = mark;
	/* Sent: what was typed is in the answer now, no longer a draft. */
	q->draft_dirty = false;
	app_message(app, ROLE_NORMAL, NULL);
	if (q->attempt.kind != ATTEMPT_PRE && !app->course.feedback_end) {
		q->phase = QUIZ_FEEDBACK;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	return advance(app);
}

static unsigned submit_choice(struct app *app, const struct question *qq)
{
	struct quiz_state *q = &app->quiz;
	const struct attempt_item *it = &q->attempt.items[q->pos];
	struct question_response r = {0};
	size_t chosen[64];
	size_t n = 0;
	unsigned act;

	if (qq->type == QUESTION_MULTI) {
		for (size_t k = 0; k < qq->n_answers && n < 64; k++) {
			size_t idx = quiz_order_at(it, k);

			if (idx < qq->n_answers && q->ticked[idx])
				chosen[n++] = idx;
		}
		if (n == 0) {
			app_message(app, ROLE_ERROR, "%s",
				    _("Kryssa i minst ett svar först: tryck siffran framför "
				      "svaret."));
			return ACT_HANDLED;
		}
	} else {
		chosen[n++] = quiz_order_at(it, q->sel);
	}
	r.chosen = chosen;
	r.n_chosen = n;
	act = commit(app, qq, &r);
	return act;
}

static unsigned submit_matching(struct app *app, const struct question *qq)
{
	struct quiz_state *q = &app->quiz;
	struct question_response r = {0};

	for (size_t i = 0; i < q->n_lefts; i++) {
		if (q->match[q->lefts[i]] < 0) {
			q->sel = i;
			app_message(app, ROLE_ERROR, "%s",
				    _("Välj ett alternativ för varje rad först."));
			return ACT_HANDLED | ACT_LAYOUT;
		}
	}
	r.match = q->match;
	r.n_match = qq->n_pairs;
	return commit(app, qq, &r);
}

static unsigned submit_text(struct app *app, const struct question *qq)
{
	struct quiz_state *q = &app->quiz;
	struct question_response r = {0};
	char *text = lineedit_text(&q->edit);
	unsigned act;
	double v;

	if (*text == '\0' || strspn(text, " \n") == strlen(text)) {
		free(text);
		app_message(app, ROLE_ERROR, "%s", _("Skriv ett svar först."));
		return ACT_HANDLED;
	}
	if (qq->type == QUESTION_NUMERICAL && question_parse_number(text, &v) < 0) {
		free(text);
		app_message(app, ROLE_ERROR, "%s", _("Skriv ett tal, till exempel 72 eller 2,5."));
		return ACT_HANDLED;
	}
	r.text = text;
	act = commit(app, qq, &r);
	free(text);
	return act;
}

static unsigned leave_quiz(struct app *app)
{
	if (!app->preview)
		app_message(app, ROLE_NORMAL, "%s",
			    _("Dina svar är sparade. Du kan fortsätta senare."));
	return course_open(app, app->course.id);
}

static bool is_enter(wint_t key, bool func)
{
	return (!func && (key == L'\n' || key == L'\r')) || (func && key == KEY_ENTER);
}

static unsigned scroll_by(struct app *app, int delta)
{
	struct quiz_state *q = &app->quiz;
	int max_top = (int)q->doc.n - quiz_view_rows();

	q->top += delta;
	if (q->top > max_top)
		q->top = max_top;
	if (q->top < 0)
		q->top = 0;
	return ACT_HANDLED;
}

static unsigned ask_key(struct app *app, const struct question *qq, wint_t key, bool func)
{
	struct quiz_state *q = &app->quiz;
	size_t n;

	switch (qq->type) {
	case QUESTION_SINGLE:
	case QUESTION_TRUEFALSE:
	case QUESTION_MULTI:
		n = qq->n_answers;
		if (func && key == KEY_UP) {
			if (q->sel > 0)
				q->sel--;
			return ACT_HANDLED | ACT_LAYOUT;
		}
		if (func && key == KEY_DOWN) {
			if (q->sel + 1 < n)
				q->sel++;
			return ACT_HANDLED | ACT_LAYOUT;
		}
		if (!func && key >= L'1' && key <= L'9' && (size_t)(key - L'1') < n) {
			q->sel = (size_t)(key - L'1');
			if (qq->type != QUESTION_MULTI)
				return submit_choice(app, qq);
			q->ticked[quiz_order_at(&q->attempt.items[q->pos], q->sel)] ^= true;
			return ACT_HANDLED | ACT_LAYOUT;
		}
		if (!func && key == L' ' && qq->type == QUESTION_MULTI) {
			q->ticked[quiz_order_at(&q->attempt.items[q->pos], q->sel)] ^= true;
			return ACT_HANDLED | ACT_LAYOUT;
		}
		if (is_enter(key, func))
			return submit_choice(app, qq);
		return ACT_NONE;
	case QUESTION_MATCHING:
		if (func && key == KEY_UP) {
			if (q->sel > 0)
				q->sel--;
			return ACT_HANDLED | ACT_LAYOUT;
		}
		if (func && key == KEY_DOWN) {
			if (q->sel + 1 < q->n_lefts)
				q->sel++;
			return ACT_HANDLED | ACT_LAYOUT;
		}
		if (q->n_lefts && !func && iswalpha(key)) {
			size_t r = (size_t)(towupper(key) - L'A');

			if (r >= q->n_rights)
				return ACT_HANDLED;
			q->match[q->lefts[q->sel]] = (int)q->rights[r];
			if (q->sel + 1 < q->n_lefts)
				q->sel++;
			return ACT_HANDLED | ACT_LAYOUT;
		}
		if (q->n_lefts && func && (key == KEY_LEFT || key == KEY_RIGHT)) {
			int *m = &q->match[q->lefts[q->sel]];
			size_t cur = q->n_rights;

			for (size_t r = 0; r < q->n_rights; r++)
				if (*m >= 0 && q->rights[r] == (size_t)*m)
					cur = r;
			if (key == KEY_RIGHT)
				cur = cur >= q->n_rights ? 0 : (cur + 1) % q->n_rights;
			else
				cur = cur == 0 || cur >= q->n_rights ? q->n_rights - 1 : cur - 1;
			*m = (int)q->rights[cur];
			return ACT_HANDLED | ACT_LAYOUT;
		}
		if (q->n_lefts && ((func && (key == KEY_BACKSPACE || key == KEY_DC)) ||
				   (!func && (key == 127 || key == 8)))) {
			q->match[q->lefts[q->sel]] = -1;
			return ACT_HANDLED | ACT_LAYOUT;
		}
		if (is_enter(key, func))
			return submit_matching(app, qq);
		return ACT_NONE;
	case QUESTION_SHORTANSWER:
	case QUESTION_NUMERICAL:
	case QUESTION_ESSAY: {
		enum lineedit_result r;

		if (qq->type == QUESTION_ESSAY && !func && key == L'\t')
			return submit_text(app, qq);
		q->edit.width = q->width - 4;
		r = lineedit_key(&q->edit, key, func);
		if (r == LINEEDIT_ENTER)
			return submit_text(app, qq);
		if (r == LINEEDIT_CHANGED) {
			q->draft_dirty = true;
			return ACT_HANDLED;
		}
		return ACT_NONE;
	}
	case QUESTION_DESCRIPTION:
		if (is_enter(key, func) || (func && key == KEY_RIGHT) || (!func && key == L' '))
			return advance(app);
		return ACT_NONE;
	}
	return ACT_NONE;
}

static unsigned quiz_key(struct app *app, wint_t key, bool func)
{
	struct quiz_state *q = &app->quiz;
	const struct kquestion *kq;

	if (!func && key == 27)
		return leave_quiz(app);
	if (func && key == KEY_PPAGE)
		return scroll_by(app, -(quiz_view_rows() - 1));
	if (func && key == KEY_NPAGE)
		return scroll_by(app, quiz_view_rows() - 1);
	switch (q->phase) {
	case QUIZ_INTRO:
		if (is_enter(key, func) || (func && key == KEY_RIGHT)) {
			if (q->pos >= q->attempt.n_items)
				return finish(app);
			q->phase = QUIZ_ASK;
			prepare(app);
			return ACT_HANDLED | ACT_LAYOUT;
		}
		return ACT_NONE;
	case QUIZ_FEEDBACK:
		if (is_enter(key, func) || (func && key == KEY_RIGHT) || (!func && key == L' '))
			return advance(app);
		if (func && key == KEY_UP)
			return scroll_by(app, -1);
		if (func && key == KEY_DOWN)
			return scroll_by(app, 1);
		return ACT_NONE;
	case QUIZ_ASK:
		break;
	}
	kq = quiz_current(app);
	if (kq == NULL)
		return ACT_NONE;
	return ask_key(app, &kq->q, key, func);
}

static bool quiz_typing(const struct app *app)
{
	const struct quiz_state *q = &app->quiz;

	return q->phase == QUIZ_ASK && q->edit.max > 0;
}

static size_t quiz_keys(const struct app *app, struct keyhint *out)
{
	const struct quiz_state *q = &app->quiz;
	size_t n = 0;

	switch (q->phase) {
	case QUIZ_INTRO:
		out[n++] = (struct keyhint){"Enter", _("Börja")};
		break;
	case QUIZ_FEEDBACK: {
		size_t next = q->pos + 1;

		while (next < q->attempt.n_items && q->answers[next])
			next++;
		out[n++] = (struct keyhint){"Enter", next >= q->attempt.n_items ? _("Se resultatet")
										: _("Nästa fråga")};
		break;
	}
	case QUIZ_ASK:
		if (q->edit.max > 0 && q->edit.multiline) {
			out[n++] = (struct keyhint){"Tab", _("Skicka svaret")};
		} else if (q->edit.max > 0) {
			out[n++] = (struct keyhint){"Enter", _("Skicka svaret")};
		} else if (q->match) {
			out[n++] = (struct keyhint){"↑↓", _("Rad")};
			out[n++] = (struct keyhint){"A-Z", _("Välj")};
			out[n++] = (struct keyhint){"Enter", _("Skicka")};
		} else if (q->type == QUESTION_DESCRIPTION) {
			out[n++] = (struct keyhint){"Enter", _("Vidare")};
		} else if (q->ticked) {
			/* Digits tick without moving first; the arrows and Space are
			 * in the instruction above the choices (the bar has no room
			 * for both at 80 columns). */
			out[n++] = (struct keyhint){"1-9", _("Kryssa")};
			out[n++] = (struct keyhint){"↑↓", _("Välj")};
			out[n++] = (struct keyhint){"Enter", _("Skicka")};
		} else {
			out[n++] = (struct keyhint){"1-9", _("Svara")};
			out[n++] = (struct keyhint){"↑↓", _("Välj")};
			out[n++] = (struct keyhint){"Enter", _("Svara")};
		}
		break;
	}
	/* Before the first answer there is nothing to pause. */
	out[n++] = (struct keyhint){"Esc", q->phase == QUIZ_INTRO ? _("Tillbaka") : _("Paus")};
	return n;
}

const struct screen screen_quiz = {
    .leave = quiz_release,
    .layout = quiz_layout,
    .draw = quiz_draw,
    .key = quiz_key,
    .keys = quiz_keys,
    .typing = quiz_typing,
    .help = N_("En fråga i taget. Under frågan står hur du svarar.\n\n"
	       "Ett svar: tryck siffran framför svaret, eller välj med pilarna och tryck "
	       "Enter.\n"
	       "Flera svar: kryssa i med mellanslag eller siffran, skicka med Enter.\n"
	       "Para ihop: välj rad med pil upp och pil ned och tryck bokstaven för det "
	       "alternativ som hör ihop med raden. Skicka med Enter.\n"
	       "Skriva: skriv svaret och tryck Enter. En längre text skickar du med Tab.\n\n"
	       "Varje svar sparas direkt och kan inte ändras. Esc gör en paus: du kan "
	       "fortsätta senare där du slutade.\n"
	       "PgUp och PgDn rullar en lång fråga."),
};
