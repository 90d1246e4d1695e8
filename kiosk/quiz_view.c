/*
 * How the quiz screen looks: the intro before the first question, then one
 * question laid out as a document (stem, how to answer, the choices in the
 * plan's order, the field for typed answers) and, after an answer, what it
 * was and its feedback. screen_quiz.c holds the state changes; this file
 * only reads them.
 */
#include "kiosk/kiosk.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

/* Rows of the field for an essay. */
#define ESSAY_ROWS 6

int quiz_view_rows(void)
{
	return (LINES - 3) - 3;
}

static void intro_layout(struct app *app, int width)
{
	struct quiz_state *q = &app->quiz;
	int num, total;
	char *text;

	quiz_numbering(app, q->attempt.n_items, &num, &total);
	if (q->attempt.kind == ATTEMPT_PRE) {
		text = xasprintf(
		    ngettext("Förtestet har %d fråga. Det visar vad du redan kan innan du "
			     "läser kursen: det är en startpunkt, inget prov.",
			     "Förtestet har %d frågor. Det visar vad du redan kan innan du "
			     "läser kursen: det är en startpunkt, inget prov.",
			     (unsigned long)total),
		    total);
		ui_para(&q->doc, text, 0, width, ROLE_NORMAL, QUIZ_TAG_NONE);
		free(text);
		doc_blank(&q->doc);
		ui_para(
		    &q->doc,
		    _("Svara så gott du kan. Det gör inget om du inte vet. Du får se hur det gick "
		      "när förtestet är klart."),
		    0, width, ROLE_NORMAL, QUIZ_TAG_NONE);
	} else {
		if (q->attempt.kind == ATTEMPT_REFRESH) {
			ui_para(&q->doc,
				_("Dags att repetera. Svara på frågorna igen, så håller du "
				  "kunskapen färsk."),
				0, width, ROLE_NORMAL, QUIZ_TAG_NONE);
			doc_blank(&q->doc);
		}
		text =
		    xasprintf(ngettext("Kunskapstestet har %d fråga. För att bli godkänd behöver "
				       "du minst %d %% rätt.",
				       "Kunskapstestet har %d frågor. För att bli godkänd behöver "
				       "du minst %d %% rätt.",
				       (unsigned long)total),
			      total, app->course.pass_mark);
		ui_para(&q->doc, text, 0, width, ROLE_NORMAL, QUIZ_TAG_NONE);
		free(text);
		doc_blank(&q->doc);
		ui_para(&q->doc,
			app->course.feedback_end
			    ? _("Du får se vad som var rätt när du har svarat på alla frågor.")
			    : _("Efter varje svar ser du om det var rätt, och varför."),
			0, width, ROLE_NORMAL, QUIZ_TAG_NONE);
	}
	doc_blank(&q->doc);
	ui_para(&q->doc,
		app->preview ? _("Det här är en förhandsvisning: svaren sparas inte.")
			     : _("Varje svar sparas direkt. Du kan logga ut och fortsätta senare "
				 "där du slutade."),
		0, width, ROLE_DIM, QUIZ_TAG_NONE);
}

/* One choice line: marker, number or box, text, and after answering what it was. */
static void choice_line(struct app *app, const struct question *qq, size_t k, size_t idx, int width)
{
	struct quiz_state *q = &app->quiz;
	struct cellbuf b = {0};
	bool sel = q->phase == QUIZ_ASK && k == q->sel;
	enum theme_role role = sel ? ROLE_SELECTED : ROLE_NORMAL;
	char head[32];
	int hang;

	if (qq->type == QUESTION_MULTI)
		snprintf(head, sizeof(head), "%s[%c] %zu) ", sel ? "> " : "  ",
			 q->ticked && q->ticked[idx] ? 'x' : ' ', k + 1);
	else
		snprintf(head, sizeof(head), "%s%zu) ", sel ? "> " : "  ", k + 1);
	hang = (int)strlen(head);
	cellbuf_addstr(&b, head, role, 0);
	cellbuf_addstr(&b, answer_choice_text(qq, idx), role, 0);
	if (q->phase == QUIZ_FEEDBACK) {
		struct attempt_answer a = {0};
		bool chosen = false, right = qq->answers[idx].fraction > 0;

		attempt_answer_parse(q->answers[q->pos], &a);
		for (size_t i = 0; i < a.n_chosen; i++)
			chosen = chosen || a.chosen[i] == idx;
		attempt_answer_release(&a);
		if (chosen && right)
			cellbuf_addstr(&b, _(" – ditt svar, rätt"), ROLE_OK, CELL_BOLD);
		else if (chosen)
			cellbuf_addstr(&b, _(" – ditt svar, fel"), ROLE_WRONG, CELL_BOLD);
		else if (right)
			cellbuf_addstr(&b, _(" – rätt svar"), ROLE_OK, 0);
	}
	doc_wrap(&q->doc, b.cells, b.n, 2, 2 + hang, width, (int)k);
	cellbuf_release(&b);
}

static void matching_layout(struct app *app, const struct question *qq, int width)
{
	struct quiz_state *q = &app->quiz;
	struct cellbuf b = {0};

	for (size_t i = 0; i < q->n_lefts; i++) {
		size_t pi = q->lefts[i];
		bool sel = q->phase == QUIZ_ASK && i == q->sel;
		enum theme_role role = sel ? ROLE_SELECTED : ROLE_NORMAL;
		char head[32];
		int m = q->match[pi];

		cellbuf_reset(&b);
		snprintf(head, sizeof(head), "%s%zu. ", sel ? "> " : "  ", i + 1);
		cellbuf_addstr(&b, head, role, 0);
		cellbuf_addstr(&b, qq->pairs[pi].left, role, 0);
		doc_wrap(&q->doc, b.cells, b.n, 2, 2 + (int)strlen(head), width, (int)i);
		cellbuf_reset(&b);
		cellbuf_addstr(&b, "→ ", ROLE_NORMAL, 0);
		if (m < 0) {
			cellbuf_addstr(&b, _("(inget valt)"), ROLE_DIM, 0);
		} else {
			char letter[8] = "?  ";

			for (size_t r = 0; r < q->n_rights; r++)
				if (strcmp(qq->pairs[q->rights[r]].right, qq->pairs[m].right) == 0)
					letter[0] = (char)('A' + r);
			cellbuf_addstr(&b, letter, ROLE_NORMAL, CELL_BOLD);
			cellbuf_addstr(&b, qq->pairs[m].right, ROLE_NORMAL, 0);
			if (q->phase == QUIZ_FEEDBACK) {
				bool ok = strcmp(qq->pairs[m].right, qq->pairs[pi].right) == 0;

				cellbuf_addstr(&b, ok ? _(" – rätt") : _(" – fel"),
					       ok ? ROLE_OK : ROLE_WRONG, CELL_BOLD);
			}
		}
		doc_wrap(&q->doc, b.cells, b.n, 7, 9, width, (int)i);
	}
	doc_blank(&q->doc);
	ui_para(&q->doc, _("Alternativ:"), 2, width, ROLE_DIM, QUIZ_TAG_NONE);
	for (size_t r = 0; r < q->n_rights && r < 26; r++) {
		char head[16];

		cellbuf_reset(&b);
		snprintf(head, sizeof(head), "%c  ", (char)('A' + r));
		cellbuf_addstr(&b, head, ROLE_NORMAL, CELL_BOLD);
		cellbuf_addstr(&b, qq->pairs[q->rights[r]].right, ROLE_NORMAL, 0);
		doc_wrap(&q->doc, b.cells, b.n, 4, 7, width, QUIZ_TAG_NONE);
	}
	cellbuf_release(&b);
}

static const char *instruction(const struct question *qq)
{
	switch (qq->type) {
	case QUESTION_SINGLE:
	case QUESTION_TRUEFALSE:
		return _("Svara med siffran, eller välj med pilarna och tryck Enter.");
	case QUESTION_MULTI:
		return _("Välj alla svar som stämmer: tryck siffran för att kryssa i eller ur "
			 "(eller välj med pilarna och tryck mellanslag). Enter skickar svaret.");
	case QUESTION_MATCHING:
		return _(
		    "Välj rad med pil upp och pil ned och tryck bokstaven för rätt alternativ. "
		    "Enter skickar svaret.");
	case QUESTION_SHORTANSWER:
		return _("Skriv ditt svar och tryck Enter.");
	case QUESTION_NUMERICAL:
		return _("Skriv ett tal och tryck Enter.");
	case QUESTION_ESSAY:
		return _("Skriv ditt svar. Enter ger en ny rad. Tab skickar svaret.");
	case QUESTION_DESCRIPTION:
		return _("Tryck Enter för att gå vidare.");
	}
	return "";
}

void quiz_layout(struct app *app)
{
	struct quiz_state *q = &app->quiz;
	const struct kquestion *kq;
	int width = COLS - 4;
	int first, last;

	if (width > 100)
		width = 100;
	doc_release(&q->doc);
	q->width = width;
	quiz_numbering(app, q->pos, &q->num, &q->total);
	if (q->phase == QUIZ_INTRO) {
		intro_layout(app, width);
		return;
	}
	kq = quiz_current(app);
	if (kq == NULL)
		return;
	ui_para(&q->doc, kq->q.stem, 0, width, ROLE_NORMAL, QUIZ_TAG_NONE);
	if (q->phase == QUIZ_ASK) {
		doc_blank(&q->doc);
		ui_para(&q->doc, instruction(&kq->q), 0, width, ROLE_DIM, QUIZ_TAG_NONE);
	}
	switch (kq->q.type) {
	case QUESTION_SINGLE:
	case QUESTION_TRUEFALSE:
	case QUESTION_MULTI:
		doc_blank(&q->doc);
		for (size_t k = 0; k < kq->q.n_answers; k++)
			choice_line(app, &kq->q, k, quiz_order_at(&q->attempt.items[q->pos], k),
				    width);
		break;
	case QUESTION_MATCHING:
		doc_blank(&q->doc);
		matching_layout(app, &kq->q, width);
		break;
	case QUESTION_SHORTANSWER:
	case QUESTION_NUMERICAL:
	case QUESTION_ESSAY:
		doc_blank(&q->doc);
		if (q->phase == QUIZ_ASK) {
			int rows = kq->q.type == QUESTION_ESSAY ? ESSAY_ROWS : 1;

			/* The field is only an underline: without colour a label
			 * is what shows where to type. */
			ui_para(&q->doc, _("Ditt svar:"), 2, width, ROLE_DIM, QUIZ_TAG_NONE);
			for (int r = 0; r < rows; r++)
				doc_add(&q->doc, NULL, 0, 2, QUIZ_TAG_FIELD);
		} else {
			char *said = answer_describe(&kq->q, q->answers[q->pos]);

			ui_para(&q->doc, said, 2, width, ROLE_NORMAL, QUIZ_TAG_NONE);
			free(said);
		}
		break;
	case QUESTION_DESCRIPTION:
		break;
	}
	if (q->phase == QUIZ_FEEDBACK) {
		doc_blank(&q->doc);
		answer_feedback(&q->doc, &kq->q, q->answers[q->pos], q->marks[q->pos], 2, width,
				QUIZ_TAG_FEEDBACK);
		if (ui_find_tag(&q->doc, QUIZ_TAG_FEEDBACK, &first, &last))
			ui_follow(&q->top, first, last, quiz_view_rows(), (int)q->doc.n);
		return;
	}
	if (ui_find_tag(&q->doc,
			kq->q.type == QUESTION_SHORTANSWER || kq->q.type == QUESTION_NUMERICAL ||
				kq->q.type == QUESTION_ESSAY
			    ? QUIZ_TAG_FIELD
			    : (int)q->sel,
			&first, &last))
		ui_follow(&q->top, first, last, quiz_view_rows(), (int)q->doc.n);
}

/* ---- Drawing ------------------------------------------------------------ */

struct cursor quiz_draw(const struct app *app)
{
	const struct quiz_state *q = &app->quiz;
	int y0 = ui_top() + 2, rows = quiz_view_rows();
	struct cursor cur = {y0, 2};
	char head[128];
	int first, last, w;

	if (q->phase == QUIZ_INTRO || q->type == QUESTION_DESCRIPTION) {
		snprintf(head, sizeof(head), "%s",
			 q->attempt.kind == ATTEMPT_PRE ? _("Förtest") : _("Kunskapstest"));
	} else {
		snprintf(head, sizeof(head), _("%s · fråga %d av %d"),
			 q->attempt.kind == ATTEMPT_PRE ? _("Förtest") : _("Kunskapstest"), q->num,
			 q->total);
	}
	w = text_draw(ui_top(), 2, head, COLS - 4, ROLE_HEADING);
	text_draw(ui_top(), w + 6, app->course.title, COLS - w - 8, ROLE_DIM);
	ui_draw_doc(&q->doc, q->top, y0, 2, rows, COLS - 4);
	if (q->top + rows < (int)q->doc.n)
		text_draw(y0 + rows, 2, _("Mer nedanför: PgDn."), COLS - 4, ROLE_DIM);
	if (q->phase == QUIZ_FEEDBACK && ui_find_tag(&q->doc, QUIZ_TAG_FEEDBACK, &first, &last) &&
	    first >= q->top && first < q->top + rows)
		return (struct cursor){y0 + first - q->top, 4};
	if (q->phase != QUIZ_ASK)
		return cur;
	if (ui_find_tag(&q->doc, QUIZ_TAG_FIELD, &first, &last)) {
		if (first >= q->top && first < q->top + rows) {
			int h = last - first + 1;

			if (first - q->top + h > rows)
				h = rows - (first - q->top);
			lineedit_draw(&q->edit, y0 + first - q->top, 4, q->width - 4, h, &cur.y,
				      &cur.x);
		}
		return cur;
	}
	if (ui_find_tag(&q->doc, (int)q->sel, &first, &last) && first >= q->top &&
	    first < q->top + rows)
		cur = (struct cursor){y0 + first - q->top, 2};
	return cur;
}
