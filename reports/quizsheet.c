/* Paper quiz sheets and their explanation pages; see quizsheet.h. */
#include "reports/quizsheet.h"

#include <math.h>
#include <stdbool.h>

#include "core/audit.h"
#include "core/catalog.h"
#include "core/paper.h"
#include "core/person.h"
#include "core/scancode.h"
#include "core/store.h"
#include "core/strbuf.h"
#include "core/unit.h"
#include "core/xmalloc.h"
#include "reports/doc.h"
#include "reports/pdf.h"
#include "reports/words.h"

#define SIZE     12.0 /* questions and choices */
#define LEAD     (SIZE * 1.32)
#define BOX      11.0 /* side of a tick box */
#define KEY_W    14.0 /* the key letter before a box */
#define CHOICE_X (KEY_W + BOX + 8.0)
#define Q_INDENT 26.0 /* question text after its number */
#define Q_GAP    14.0 /* between questions */

struct sheet_ctx {
	const char *org;
	const struct paper_sheet *sheet;
	const char *unit_display;
	char *grouped; /* owned: the sheet code in groups of four */
	char *who;     /* owned: name, or "anonymt" */
	size_t first_page;
	const struct words *w; /* in the course's language */
};

/* --- small drawing helpers ---------------------------------------------- */

static double text_block(struct pdf *pdf, enum pdf_font font, double size, double lead, double x,
			 double y, double w, const char *text)
{
	struct pdf_layout l = {0};
	double h;

	pdf_layout_text(pdf, font, text, size, lead, w, &l);
	pdf_layout_draw(pdf, &l, 0, l.n_lines, x, y, PDF_LEFT, w);
	h = pdf_layout_height(&l, 0, l.n_lines);
	pdf_layout_release(&l);
	return h;
}

static void key_box(struct pdf *pdf, double x, double y, char key)
{
	char k[2] = {key, '\0'};

	pdf_text(pdf, PDF_BOLD, SIZE, x, y + (LEAD - SIZE * 1.164) / 2, 0, PDF_LEFT, k);
	pdf_rect(pdf, x + KEY_W, y + (LEAD - BOX) / 2, BOX, BOX, 0.9, 0);
}

static const char *hint(const struct words *w, const struct paper_item *it)
{
	switch (it->q.type) {
	case QUESTION_MULTI:
		return w->hint_multi;
	case QUESTION_TRUEFALSE:
		return w->hint_truefalse;
	case QUESTION_MATCHING:
		return w->hint_matching;
	case QUESTION_SHORTANSWER:
		return w->hint_short;
	case QUESTION_NUMERICAL:
		return w->hint_number;
	default:
		return w->hint_single;
	}
}

/* Draws one question at y (or only measures it while the pdf is muted);
 * returns its height. */
static double question_draw(struct pdf *pdf, const struct words *words, const struct paper_item *it,
			    size_t number, double x, double y, double w)
{
	const struct question *q = &it->q;
	double top = y, tx = x + Q_INDENT, tw = w - Q_INDENT;
	char num[24];

	snprintf(num, sizeof(num), "%zu.", number);
	pdf_text(pdf, PDF_BOLD, SIZE, x, y + (LEAD - SIZE * 1.164) / 2, Q_INDENT - 6, PDF_RIGHT,
		 num);
	y += text_block(pdf, PDF_BOLD, SIZE, LEAD, tx, y, tw, q->stem);
	y +=
	    text_block(pdf, PDF_REGULAR, SIZE * 0.85, SIZE * 1.15, tx, y + 1, tw, hint(words, it)) +
	    5;
	switch (it->kind) {
	case PAPER_ONE:
		if (q->type == QUESTION_TRUEFALSE) {
			key_box(pdf, tx, y, paper_key(0));
			pdf_text(pdf, PDF_REGULAR, SIZE, tx + CHOICE_X,
				 y + (LEAD - SIZE * 1.164) / 2, 0, PDF_LEFT, words->true_word);
			key_box(pdf, tx + PDF_MM(40), y, paper_key(1));
			pdf_text(pdf, PDF_REGULAR, SIZE, tx + PDF_MM(40) + CHOICE_X,
				 y + (LEAD - SIZE * 1.164) / 2, 0, PDF_LEFT, words->false_word);
			y += LEAD + 2;
			break;
		}
		/* fall through */
	case PAPER_MANY:
		for (size_t k = 0; k < it->n_choices; k++) {
			key_box(pdf, tx, y, paper_key(k));
			y += text_block(pdf, PDF_REGULAR, SIZE, LEAD, tx + CHOICE_X, y,
					tw - CHOICE_X, q->answers[it->choice[k]].text) +
			     3;
		}
		break;
	case PAPER_PAIRS: {
		double lw = tw * 0.48, bx = tx + lw + PDF_MM(4);
		double step = KEY_W + BOX + 6;

		y += text_block(pdf, PDF_BOLD, SIZE * 0.9, SIZE * 1.2, tx, y, tw,
				words->choices_label);
		for (size_t k = 0; k < it->n_choices; k++) {
			char key[4];

			snprintf(key, sizeof(key), "%c", paper_key(k));
			pdf_text(pdf, PDF_BOLD, SIZE, tx, y + (LEAD - SIZE * 1.164) / 2, 0,
				 PDF_LEFT, key);
			y += text_block(pdf, PDF_REGULAR, SIZE, LEAD, tx + KEY_W + 4, y,
					tw - KEY_W - 4, q->pairs[it->choice[k]].right) +
			     2;
		}
		y += 6;
		/* Rows wider than the column wrap their boxes onto more lines. */
		for (size_t n = 0; n < it->n_left; n++) {
			char label[24];
			double h, rows, per_row = floor((x + w - bx) / step);

			if (per_row < 1)
				per_row = 1;
			snprintf(label, sizeof(label), "%zu", n + 1);
			pdf_line(pdf, tx, y - 3, x + w, y - 3, 0.3, 0);
			pdf_text(pdf, PDF_BOLD, SIZE, tx, y + (LEAD - SIZE * 1.164) / 2, 0,
				 PDF_LEFT, label);
			h = text_block(pdf, PDF_REGULAR, SIZE, LEAD, tx + KEY_W + 4, y,
				       lw - KEY_W - 4, q->pairs[it->left[n]].left);
			for (size_t k = 0; k < it->n_choices; k++) {
				size_t r = (size_t)((double)k / per_row);
				size_t c = k - (size_t)((double)r * per_row);

				key_box(pdf, bx + (double)c * step, y + (double)r * LEAD,
					paper_key(k));
			}
			rows = ceil((double)it->n_choices / per_row);
			y += (h > rows * LEAD ? h : rows * LEAD) + 6;
		}
		break;
	}
	case PAPER_WRITE:
		y += 8;
		pdf_text(pdf, PDF_REGULAR, SIZE, tx, y, 0, PDF_LEFT, words->answer_label);
		pdf_line(pdf,
			 tx + 6 +
			     pdf_text_width(pdf, PDF_REGULAR, SIZE, words->answer_label,
					    strlen(words->answer_label)),
			 y + SIZE + 2, x + w, y + SIZE + 2, 0.7, 0);
		y += LEAD + 8;
		break;
	}
	return y - top;
}

/* --- the explanations --------------------------------------------------- */

static void answer_of(const struct words *w, const struct paper_item *it, struct strbuf *sb)
{
	const struct question *q = &it->q;
	int best;

	switch (it->kind) {
	case PAPER_ONE:
	case PAPER_MANY: {
		bool first = true;

		for (size_t k = 0; k < it->n_choices; k++) {
			const struct question_answer *a = &q->answers[it->choice[k]];
			bool right = it->kind == PAPER_MANY
					 ? a->fraction > 0
					 : (int)it->choice[k] == question_best_answer(q);
			const char *text = q->type != QUESTION_TRUEFALSE ? a->text
					   : k == 0                      ? w->true_word
									 : w->false_word;

			if (!right)
				continue;
			strbuf_addf(sb, "%s%c – %s", first ? "" : "; ", paper_key(k), text);
			first = false;
		}
		break;
	}
	case PAPER_PAIRS:
		for (size_t n = 0; n < it->n_left; n++) {
			const char *right = q->pairs[it->left[n]].right;

			for (size_t k = 0; k < it->n_choices; k++) {
				if (strcmp(q->pairs[it->choice[k]].right, right) == 0) {
					strbuf_addf(sb, "%s%zu – %c", n ? ", " : "", n + 1,
						    paper_key(k));
					break;
				}
			}
		}
		break;
	case PAPER_WRITE:
		best = question_best_answer(q);
		if (q->type == QUESTION_NUMERICAL && best >= 0) {
			const struct question_number *nb = &q->numbers[best];

			if (!nb->has_range)
				break;
			if (nb->min == nb->max)
				strbuf_addf(sb, "%g", nb->min);
			else
				strbuf_addf(sb, "%g %s %g", nb->min, w->to_word, nb->max);
		} else if (best >= 0) {
			strbuf_addstr(sb, q->answers[best].text);
			for (size_t i = 0; i < q->n_answers; i++) {
				if ((int)i != best && q->answers[i].fraction >= 1.0)
					strbuf_addf(sb, " (%s: %s)", w->or_word,
						    q->answers[i].text);
			}
		}
		break;
	}
}

/* The explanation of why: the right answers' feedback and the general one. */
static void why_of(const struct paper_item *it, struct strbuf *sb)
{
	const struct question *q = &it->q;
	int best = question_best_answer(q);

	if (it->kind == PAPER_MANY) {
		for (size_t k = 0; k < it->n_choices; k++) {
			const struct question_answer *a = &q->answers[it->choice[k]];

			if (a->fraction > 0 && a->feedback && *a->feedback)
				strbuf_addf(sb, "%s%c: %s", sb->len ? " " : "", paper_key(k),
					    a->feedback);
		}
	} else if (q->type == QUESTION_NUMERICAL) {
		if (best >= 0 && q->numbers[best].feedback && *q->numbers[best].feedback)
			strbuf_addstr(sb, q->numbers[best].feedback);
	} else if (it->kind != PAPER_PAIRS && best >= 0 && q->answers[best].feedback &&
		   *q->answers[best].feedback) {
		strbuf_addstr(sb, q->answers[best].feedback);
	}
	if (q->general_feedback && *q->general_feedback)
		strbuf_addf(sb, "%s%s", sb->len ? " " : "", q->general_feedback);
}

static double explanation_draw(struct pdf *pdf, const struct words *words,
			       const struct paper_item *it, size_t number, double x, double y,
			       double w)
{
	struct strbuf sb = STRBUF_INIT;
	double top = y, tx = x + Q_INDENT, tw = w - Q_INDENT;
	char num[24];

	snprintf(num, sizeof(num), "%zu.", number);
	pdf_text(pdf, PDF_BOLD, 11, x, y + (11 * 1.3 - 11 * 1.164) / 2, Q_INDENT - 6, PDF_RIGHT,
		 num);
	y += text_block(pdf, PDF_REGULAR, 11, 11 * 1.3, tx, y, tw, it->q.stem) + 2;
	strbuf_addf(&sb, "%s ", words->right_answer);
	answer_of(words, it, &sb);
	y += text_block(pdf, PDF_BOLD, 11, 11 * 1.3, tx, y, tw, sb.buf) + 2;
	strbuf_reset(&sb);
	why_of(it, &sb);
	if (sb.len)
		y += text_block(pdf, PDF_REGULAR, 11, 11 * 1.3, tx, y, tw, sb.buf);
	strbuf_release(&sb);
	return y - top;
}

/* --- pages of one sheet ----------------------------------------------------- */

static void running_head(struct pdf *pdf, const struct sheet_ctx *c, bool explanations)
{
	char right[300];

	snprintf(right, sizeof(right), "%s · %s · %s",
		 explanations ? c->w->explain_head : c->w->sheet_head, c->who, c->grouped);
	doc_head(pdf, c->org, right);
}

static int first_page_top(struct pdf *pdf, const struct sheet_ctx *c, double *y, char **cause)
{
	const struct paper_sheet *s = c->sheet;
	const struct words *w = c->w;
	double side, lw, ty = DOC_BODY_TOP + 2, qh;
	char *line;

	if (pdf_qr_side(s->code, PDF_QR_MIN_MM, &side, cause) < 0)
		return -1;
	lw = DOC_WIDTH - side - PDF_MM(46);
	ty += text_block(pdf, PDF_BOLD, 18, 22, DOC_MARGIN, ty, lw, w->quiz_title);
	ty += text_block(pdf, PDF_BOLD, 13, 16, DOC_MARGIN, ty + 2, lw, s->course_title) + 6;
	if (s->person_id) {
		line = words_label(w, "Namn", "Name", s->person_name);
		ty += text_block(pdf, PDF_BOLD, SIZE, LEAD, DOC_MARGIN, ty, lw, line);
		free(line);
		line = words_label(w, "Anställningsnummer", "Employee number", s->employee_no);
		ty += text_block(pdf, PDF_REGULAR, SIZE, LEAD, DOC_MARGIN, ty, lw, line);
		free(line);
	} else {
		ty += text_block(pdf, PDF_BOLD, SIZE, LEAD, DOC_MARGIN, ty, lw, w->anonymous_text);
	}
	line = words_label(w, "Enhet", "Unit", c->unit_display);
	ty += text_block(pdf, PDF_REGULAR, SIZE, LEAD, DOC_MARGIN, ty, lw, line);
	free(line);
	line = words_version(w, s->course_version);
	ty += text_block(pdf, PDF_REGULAR, 10, 13, DOC_MARGIN, ty, lw, line);
	free(line);
	if (doc_qr_labelled(pdf, s->code, PDF_QR_MIN_MM, DOC_MARGIN + lw + PDF_MM(2), DOC_BODY_TOP,
			    PDF_MM(40), 10, w->sheet_code, c->grouped, w->sheet_code_note, &qh,
			    cause) < 0)
		return -1;
	if (DOC_BODY_TOP + qh > ty)
		ty = DOC_BODY_TOP + qh;
	ty += 8;
	/* How to fill it in, in a box. */
	{
		char *text = words_fill_in(w, s->pass_mark);
		double h;

		pdf_mute(pdf, true);
		h = text_block(pdf, PDF_REGULAR, 11, 14.5, DOC_MARGIN + 10, ty + 8, DOC_WIDTH - 20,
			       text);
		pdf_mute(pdf, false);
		pdf_rect(pdf, DOC_MARGIN, ty, DOC_WIDTH, h + 16, 0.9, 0);
		text_block(pdf, PDF_REGULAR, 11, 14.5, DOC_MARGIN + 10, ty + 8, DOC_WIDTH - 20,
			   text);
		ty += h + 16 + 14;
		free(text);
	}
	*y = ty;
	return 0;
}

static void blank_page(struct pdf *pdf, const struct sheet_ctx *c)
{
	pdf_page_add(pdf);
	running_head(pdf, c, false);
	pdf_text(pdf, PDF_REGULAR, 10, DOC_MARGIN, PDF_A4_HEIGHT / 2, DOC_WIDTH, PDF_CENTER,
		 c->w->blank_page);
}

static int sheet_render(struct pdf *pdf, struct sheet_ctx *c, char **cause)
{
	const struct paper_sheet *s = c->sheet;
	double y, h, bottom = DOC_BODY_BOTTOM;
	size_t questions_end;

	c->first_page = pdf_page_count(pdf);
	pdf_page_add(pdf);
	running_head(pdf, c, false);
	if (first_page_top(pdf, c, &y, cause) < 0)
		return -1;
	for (size_t i = 0; i < s->n_items; i++) {
		pdf_mute(pdf, true);
		h = question_draw(pdf, c->w, &s->items[i], i + 1, DOC_MARGIN, y, DOC_WIDTH);
		pdf_mute(pdf, false);
		/* A question stays on one page unless it is taller than a page. */
		if (y + h > bottom && y > DOC_BODY_TOP + 10) {
			pdf_page_add(pdf);
			running_head(pdf, c, false);
			y = DOC_BODY_TOP + 4;
		}
		y +=
		    question_draw(pdf, c->w, &s->items[i], i + 1, DOC_MARGIN, y, DOC_WIDTH) + Q_GAP;
	}
	/* The explanations go on a leaf of their own, even printed two-sided. */
	if ((pdf_page_count(pdf) - c->first_page) % 2 == 1)
		blank_page(pdf, c);
	questions_end = pdf_page_count(pdf);
	pdf_page_add(pdf);
	running_head(pdf, c, true);
	y = DOC_BODY_TOP + 4;
	y += text_block(pdf, PDF_BOLD, 18, 22, DOC_MARGIN, y, DOC_WIDTH, c->w->explain_head);
	y += text_block(pdf, PDF_REGULAR, 11, 14.5, DOC_MARGIN, y + 4, DOC_WIDTH,
			c->w->explain_intro) +
	     14;
	for (size_t i = 0; i < s->n_items; i++) {
		pdf_mute(pdf, true);
		h = explanation_draw(pdf, c->w, &s->items[i], i + 1, DOC_MARGIN, y, DOC_WIDTH);
		pdf_mute(pdf, false);
		if (y + h > bottom && y > DOC_BODY_TOP + 10) {
			pdf_page_add(pdf);
			running_head(pdf, c, true);
			y = DOC_BODY_TOP + 4;
		}
		y +=
		    explanation_draw(pdf, c->w, &s->items[i], i + 1, DOC_MARGIN, y, DOC_WIDTH) + 10;
	}
	if ((pdf_page_count(pdf) - questions_end) % 2 == 1)
		blank_page(pdf, c);
	/* Page numbers within the sheet, so loose pages find their way back. */
	for (size_t p = c->first_page; p < pdf_page_count(pdf); p++) {
		char *version = words_version(c->w, s->course_version);
		char *page =
		    words_page(c->w, p - c->first_page + 1, pdf_page_count(pdf) - c->first_page);
		char left[300];

		pdf_page_select(pdf, p);
		snprintf(left, sizeof(left), "%s · %s", s->course_title, version);
		doc_foot(pdf, left, page);
		free(version);
		free(page);
	}
	return 0;
}

/* --- printing ----------------------------------------------------------------- */

static char *unit_display(const char *path)
{
	struct strbuf sb = STRBUF_INIT;

	for (const char *p = path ? path : ""; *p; p++) {
		if (*p == '/')
			strbuf_addstr(&sb, " / ");
		else
			strbuf_addch(&sb, *p);
	}
	return strbuf_detach(&sb);
}

static int render_one(struct pdf *pdf, const char *org, const struct words *w,
		      const struct paper_sheet *sheet, char **cause)
{
	struct sheet_ctx c;
	char *unit = unit_display(sheet->unit_path);
	int rc;

	memset(&c, 0, sizeof(c));
	c.org = org;
	c.sheet = sheet;
	c.w = w;
	c.unit_display = unit;
	c.grouped = scancode_group(sheet->code);
	c.who = sheet->person_id ? xstrdup(sheet->person_name ? sheet->person_name : "")
				 : xstrdup(w->anonymous_who);
	rc = sheet_render(pdf, &c, cause);
	free(c.grouped);
	free(c.who);
	free(unit);
	return rc;
}

int quizsheet_print(struct store *store, const struct quizsheet_request *req, const char *path,
		    struct quizsheet_result *res, char **cause)
{
	struct catalog_course course;
	struct catalog_questions questions = {NULL, 0};
	struct person *people = NULL;
	struct pdf *pdf = NULL;
	struct pdf_meta meta;
	struct outfile_policy policy;
	char *org = doc_organisation(store), *title = NULL;
	size_t n_people = 0, n_sheets;
	long long unit_id = 0;
	int found, rc = -1;

	memset(res, 0, sizeof(*res));
	memset(&course, 0, sizeof(course));
	if (doc_output_prepare(store, path, &policy, cause) < 0 || store_begin(store, cause) < 0)
		goto cleanup;
	found = catalog_course_find(store, req->course, &course, cause);
	if (found <= 0) {
		if (found == 0)
			*cause =
			    xasprintf("no course '%s' (see 'vaksam content build')", req->course);
		goto cleanup;
	}
	if (unit_find(store, req->unit_path, &unit_id, cause) < 0)
		goto cleanup;
	if (unit_id == 0) {
		*cause = xasprintf("no unit '%s' (see 'vaksam units')", req->unit_path);
		goto cleanup;
	}
	if (catalog_questions_load(store, course.id, &questions, cause) < 0)
		goto cleanup;
	if (req->anonymous == 0) {
		struct person_filter filter = {req->unit_path, false};

		if (person_list(store, &filter, &people, &n_people, cause) < 0)
			goto cleanup;
		if (n_people == 0) {
			*cause = xasprintf("unit '%s' has no active people; use --anonymous N for"
					   " sheets without names",
					   req->unit_path);
			goto cleanup;
		}
	}
	n_sheets = req->anonymous ? req->anonymous : n_people;
	title = xasprintf("%s – %s", words_get(course.language)->quiz_title, course.title);
	meta.title = title;
	meta.author = org;
	meta.subject = words_get(course.language)->sheet_head;
	meta.created = store_time();
	if (pdf_new(&meta, &pdf, cause) < 0)
		goto cleanup;
	for (size_t i = 0; i < n_sheets; i++) {
		struct paper_sheet sheet;
		long long person = people ? people[i].id : 0;
		long long unit = people && people[i].unit_id ? people[i].unit_id : unit_id;

		if (paper_sheet_create(store, &course, &questions, person, unit, &sheet, cause) < 0)
			goto cleanup;
		rc = render_one(pdf, org, words_get(course.language), &sheet, cause);
		paper_sheet_release(&sheet);
		if (rc < 0)
			goto cleanup;
		rc = -1;
	}
	if (audit_recordf(store, 0, AUDIT_PRINT_QUIZ, 0, cause,
			  "course=%lld unit=%lld sheets=%zu%s", course.id, unit_id, n_sheets,
			  req->anonymous ? " anonymous" : "") < 0)
		goto cleanup;
	if (pdf_write_policy(pdf, path, &policy, cause) < 0)
		goto cleanup;
	if (store_commit(store, cause) < 0) {
		/* Sheets that are not recorded cannot be entered: remove them. */
		remove(path);
		goto cleanup;
	}
	res->sheets = n_sheets;
	res->pages = pdf_page_count(pdf);
	rc = 0;
cleanup:
	if (rc < 0)
		store_rollback(store);
	pdf_free(&pdf);
	person_list_free(&people, n_people);
	catalog_questions_release(&questions);
	catalog_course_release(&course);
	free(org);
	free(title);
	return rc;
}
