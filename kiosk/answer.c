/*
 * Feedback on an answer, the same after each question and in the review at
 * the end: a verdict in words (never colour alone), the feedback the author
 * wrote for what was chosen, the right answer when it was missed, and the
 * question's general feedback.
 */
#include "kiosk/kiosk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/xmalloc.h"

const char *answer_choice_text(const struct question *q, size_t idx)
{
	if (idx >= q->n_answers)
		return "";
	if (q->type == QUESTION_TRUEFALSE)
		return strcmp(q->answers[idx].text, "true") == 0 ? _("Sant") : _("Falskt");
	return q->answers[idx].text;
}

/* A number as typed in Swedish or English: decimal comma in Swedish. */
static void number_text(double v, char *buf, size_t size)
{
	const char *lang = getenv("LANGUAGE");

	snprintf(buf, size, "%g", v);
	if (lang == NULL || strcmp(lang, "en") != 0)
		for (char *p = buf; *p; p++)
			if (*p == '.')
				*p = ',';
}

char *answer_describe(const struct question *q, const char *json)
{
	struct attempt_answer a = {0};
	struct strbuf sb = STRBUF_INIT;

	attempt_answer_parse(json, &a);
	strbuf_addstr(&sb, _("Ditt svar: "));
	switch (q->type) {
	case QUESTION_SINGLE:
	case QUESTION_TRUEFALSE:
	case QUESTION_MULTI:
		if (a.n_chosen == 0)
			strbuf_addstr(&sb, _("(inget svar)"));
		for (size_t i = 0; i < a.n_chosen; i++) {
			if (i)
				strbuf_addstr(&sb, "; ");
			strbuf_addstr(&sb, answer_choice_text(q, a.chosen[i]));
		}
		break;
	case QUESTION_MATCHING: {
		bool first = true;

		for (size_t i = 0; i < q->n_pairs && i < a.n_match; i++) {
			if (q->pairs[i].left[0] == '\0')
				continue;
			if (!first)
				strbuf_addstr(&sb, "; ");
			first = false;
			strbuf_addf(&sb, "%s → %s", q->pairs[i].left,
				    a.match[i] >= 0 && (size_t)a.match[i] < q->n_pairs
					? q->pairs[a.match[i]].right
					: _("(inget valt)"));
		}
		break;
	}
	default:
		strbuf_addstr(&sb, a.text && *a.text ? a.text : _("(inget svar)"));
		break;
	}
	attempt_answer_release(&a);
	return strbuf_detach(&sb);
}

static void verdict(struct doc *d, double mark, int indent, int width, int tag)
{
	char buf[128];
	enum theme_role role = ROLE_WRONG;

	if (mark == QUESTION_UNSCORED) {
		snprintf(buf, sizeof(buf), "%s", _("Ditt svar är sparat."));
		role = ROLE_OK;
	} else if (mark >= 1 - 1e-9) {
		snprintf(buf, sizeof(buf), "%s", _("Rätt!"));
		role = ROLE_OK;
	} else if (mark <= 1e-9) {
		snprintf(buf, sizeof(buf), "%s", _("Fel."));
	} else {
		snprintf(buf, sizeof(buf), _("Delvis rätt (%.0f %% av poängen)."),
			 floor(mark * 100 + 0.5));
	}
	{
		struct cellbuf b = {0};

		cellbuf_addstr(&b, buf, role, CELL_BOLD);
		doc_wrap(d, b.cells, b.n, indent, indent, width, tag);
		cellbuf_release(&b);
	}
}

/* The right answer(s) in words; newly allocated, or NULL when there is none. */
static char *right_answer(const struct question *q)
{
	struct strbuf sb = STRBUF_INIT;
	int best = question_best_answer(q);

	switch (q->type) {
	case QUESTION_SINGLE:
	case QUESTION_TRUEFALSE:
	case QUESTION_SHORTANSWER:
		if (best < 0)
			return NULL;
		strbuf_addf(&sb, _("Rätt svar: %s"), answer_choice_text(q, (size_t)best));
		break;
	case QUESTION_MULTI: {
		bool first = true;

		strbuf_addstr(&sb, _("Rätta svar: "));
		for (size_t i = 0; i < q->n_answers; i++) {
			if (q->answers[i].fraction <= 0)
				continue;
			if (!first)
				strbuf_addstr(&sb, "; ");
			first = false;
			strbuf_addstr(&sb, q->answers[i].text);
		}
		break;
	}
	case QUESTION_NUMERICAL: {
		char lo[64], hi[64];

		if (best < 0 || !q->numbers[best].has_range)
			return NULL;
		number_text(q->numbers[best].min, lo, sizeof(lo));
		number_text(q->numbers[best].max, hi, sizeof(hi));
		if (strcmp(lo, hi) == 0)
			strbuf_addf(&sb, _("Rätt svar: %s"), lo);
		else
			strbuf_addf(&sb, _("Rätt svar: mellan %s och %s"), lo, hi);
		break;
	}
	case QUESTION_MATCHING: {
		bool first = true;

		strbuf_addstr(&sb, _("Rätt: "));
		for (size_t i = 0; i < q->n_pairs; i++) {
			if (q->pairs[i].left[0] == '\0')
				continue;
			if (!first)
				strbuf_addstr(&sb, "; ");
			first = false;
			strbuf_addf(&sb, "%s → %s", q->pairs[i].left, q->pairs[i].right);
		}
		break;
	}
	default:
		return NULL;
	}
	return strbuf_detach(&sb);
}

void answer_feedback(struct doc *d, const struct question *q, const char *json, double mark,
		     int indent, int width, int tag)
{
	struct attempt_answer a = {0};
	struct question_response r = {0};

	attempt_answer_parse(json, &a);
	attempt_answer_view(&a, &r);
	verdict(d, mark, indent, width, tag);
	if (q->type == QUESTION_MULTI) {
		/* One feedback per ticked box. */
		for (size_t i = 0; i < a.n_chosen; i++) {
			size_t k = a.chosen[i];
			char *line;

			if (k >= q->n_answers || q->answers[k].feedback[0] == '\0')
				continue;
			line = xasprintf("%s: %s", q->answers[k].text, q->answers[k].feedback);
			ui_para(d, line, indent, width, ROLE_NORMAL, tag);
			free(line);
		}
	} else {
		const char *fb = question_response_feedback(q, &r);

		if (fb && *fb)
			ui_para(d, fb, indent, width, ROLE_NORMAL, tag);
	}
	if (mark != QUESTION_UNSCORED && mark < 1 - 1e-9) {
		char *right = right_answer(q);

		if (right) {
			ui_para(d, right, indent, width, ROLE_OK, tag);
			free(right);
		}
	}
	if (q->general_feedback && q->general_feedback[0])
		ui_para(d, q->general_feedback, indent, width, ROLE_NORMAL, tag);
	attempt_answer_release(&a);
}
