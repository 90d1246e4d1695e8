/*
 * The checks of `vaksam content check` that need more than one file: topics
 * against topics.conf, requires and translation_of against the other
 * courses, order against the courses required, cycles, scan-code
 * collisions, the quiz's topics and pre-test size, placeholders, page length
 * and readability. The rules for a single file are course_source.c's and
 * gift.c's. See library.h.
 */
#include "authoring/library.h"

#include <string.h>

#include "core/page.h"
#include "core/scancode.h"
#include "core/setting.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"

/* --- lookups ----------------------------------------------------------- */

static bool topic_known(const struct library *lib, const char *slug)
{
	for (size_t i = 0; i < lib->n_topics; i++)
		if (strcmp(lib->topics[i].slug, slug) == 0)
			return true;
	return false;
}

static bool course_has_topic(const struct course_source *cs, const char *slug)
{
	for (size_t i = 0; i < cs->n_topics; i++)
		if (strcmp(cs->topics[i].name, slug) == 0)
			return true;
	return false;
}

/* Index of the loaded course with this id, or -1. */
static long course_index(const struct library *lib, const char *id)
{
	for (size_t i = 0; i < lib->n_courses; i++)
		if (lib->courses[i].id && strcmp(lib->courses[i].id, id) == 0)
			return (long)i;
	return -1;
}

static bool course_known(const struct library *lib, const char *id)
{
	if (course_index(lib, id) >= 0)
		return true;
	for (size_t i = 0; i < lib->n_known; i++)
		if (strcmp(lib->known[i], id) == 0)
			return true;
	return false;
}

/* --- front matter across courses --------------------------------------- */

static void check_topics(const struct library *lib, const struct course_source *cs,
			 struct diag_list *diags)
{
	if (lib->n_topic_files == 0)
		return; /* already an error: no topics.conf */
	for (size_t i = 0; i < cs->n_topics; i++)
		if (!topic_known(lib, cs->topics[i].name))
			diag_add(diags, DIAG_ERROR, cs->course_path, cs->topics[i].pos.line,
				 cs->topics[i].pos.col, "unknown topic '%s' (not in topics.conf)",
				 cs->topics[i].name);
}

static void check_refs(const struct library *lib, size_t idx, struct diag_list *diags)
{
	const struct course_source *cs = &lib->courses[idx];
	struct course_pos pos;
	char *code;

	for (size_t i = 0; i < cs->n_requires; i++)
		if (!course_known(lib, cs->requires[i].name))
			diag_add(diags, DIAG_ERROR, cs->course_path, cs->requires[i].pos.line,
				 cs->requires[i].pos.col, "requires '%s', which names no course",
				 cs->requires[i].name);
	if (cs->translation_of && !course_known(lib, cs->translation_of)) {
		pos = course_source_pos(cs, "translation_of");
		diag_add(diags, DIAG_ERROR, cs->course_path, pos.line, pos.col,
			 "translation_of '%s' names no course", cs->translation_of);
	}
	if (cs->id == NULL)
		return;
	pos = course_source_pos(cs, "id");
	code = scancode_course(cs->id);
	for (size_t j = 0; j < idx; j++) {
		const struct course_source *other = &lib->courses[j];
		char *other_code;

		if (other->id == NULL)
			continue;
		if (strcmp(other->id, cs->id) == 0) {
			diag_add(diags, DIAG_ERROR, cs->course_path, pos.line, pos.col,
				 "the course id '%s' is also used by %s", cs->id, other->dir);
			continue;
		}
		other_code = scancode_course(other->id);
		if (code && other_code && strcmp(code, other_code) == 0)
			diag_add(diags, DIAG_ERROR, cs->course_path, pos.line, pos.col,
				 "the ids '%s' and '%s' differ only by hyphens, so their scan codes "
				 "(%s) are the same",
				 cs->id, other->id, code);
		free(other_code);
	}
	free(code);
}

/* Warns when a course's order does not come after the order of a course it
 * requires: the requirement wins (catalog_build() places the course after
 * it), so the order written is not the one staff see. */
static void check_order(const struct library *lib, const struct course_source *cs,
			struct diag_list *diags)
{
	struct course_pos pos = course_source_pos(cs, "order");

	if (cs->order == 0)
		return;
	for (size_t r = 0; r < cs->n_requires; r++) {
		long j = course_index(lib, cs->requires[r].name);

		if (j >= 0 && lib->courses[j].order >= cs->order)
			diag_add(diags, DIAG_WARNING, cs->course_path, pos.line, pos.col,
				 "order %d is not after the order of '%s' (%d), which this course "
				 "requires; the course is placed after it",
				 cs->order, lib->courses[j].id, lib->courses[j].order);
	}
}

/* Depth-first search for cycles in requires; colour 0 white, 1 on the
 * stack, 2 done. Each back edge is reported once, at its requires entry. */
static void cycle_visit(const struct library *lib, size_t i, int *colour, size_t *stack,
			size_t depth, struct diag_list *diags)
{
	const struct course_source *cs = &lib->courses[i];

	colour[i] = 1;
	stack[depth] = i;
	for (size_t r = 0; r < cs->n_requires; r++) {
		long j = course_index(lib, cs->requires[r].name);

		if (j < 0)
			continue;
		if (colour[j] == 0) {
			cycle_visit(lib, (size_t)j, colour, stack, depth + 1, diags);
		} else if (colour[j] == 1) {
			struct strbuf path = STRBUF_INIT;
			size_t k = 0;

			while (stack[k] != (size_t)j)
				k++;
			for (; k <= depth; k++)
				strbuf_addf(&path, "%s -> ", lib->courses[stack[k]].id);
			strbuf_addstr(&path, lib->courses[j].id);
			diag_add(diags, DIAG_ERROR, cs->course_path, cs->requires[r].pos.line,
				 cs->requires[r].pos.col, "requires makes a cycle: %s", path.buf);
			strbuf_release(&path);
		}
	}
	colour[i] = 2;
}

static void check_cycles(const struct library *lib, struct diag_list *diags)
{
	int *colour;
	size_t *stack;

	if (lib->n_courses == 0)
		return;
	colour = xcalloc(lib->n_courses, sizeof(*colour));
	stack = xcalloc(lib->n_courses, sizeof(*stack));
	for (size_t i = 0; i < lib->n_courses; i++)
		if (colour[i] == 0 && lib->courses[i].id)
			cycle_visit(lib, i, colour, stack, 0, diags);
	free(colour);
	free(stack);
}

/* --- placeholders ------------------------------------------------------ */

/* Warns about placeholders no setting defines and about '{{' that starts no
 * placeholder. line/col name where text starts; with at_start set every
 * warning is given there (question texts, whose own positions are gone). */
static void scan_placeholders(const char *text, const char *file, int line, int col,
			      bool at_start, struct diag_list *diags)
{
	const char *line_start = text;
	int l = line;

	for (const char *p = text; *p; p++) {
		size_t n;
		int wl, wc;

		if (*p == '\n') {
			l++;
			line_start = p + 1;
			continue;
		}
		if (p[0] != '{' || p[1] != '{')
			continue;
		wl = at_start ? line : l;
		wc = at_start ? col
			      : frontmatter_column(line_start, (size_t)(p - line_start)) +
					(l == line ? col - 1 : 0);
		if (!page_placeholder_at(p, &n)) {
			diag_add(diags, DIAG_WARNING, file, wl, wc,
				 "'{{' starts no placeholder (write {{key}}, key of a-z, 0-9 and _)");
			while (p[1] == '{')
				p++;
			continue;
		}
		{
			char key[65];

			memcpy(key, p + 2, n);
			key[n] = '\0';
			if (setting_def_find(key) == NULL)
				diag_add(diags, DIAG_WARNING, file, wl, wc,
					 "the placeholder {{%s}} is not a setting (see vaksam "
					 "config list)",
					 key);
		}
		p += n + 3;
	}
}

static void scan_question(const struct question *q, const char *file, struct diag_list *diags)
{
	const char *texts[] = { q->stem, q->general_feedback };

	for (size_t i = 0; i < 2; i++)
		if (texts[i])
			scan_placeholders(texts[i], file, q->line, q->col, true, diags);
	for (size_t i = 0; i < q->n_answers; i++) {
		scan_placeholders(q->answers[i].text, file, q->line, q->col, true, diags);
		scan_placeholders(q->answers[i].feedback, file, q->line, q->col, true, diags);
	}
	for (size_t i = 0; i < q->n_pairs; i++) {
		scan_placeholders(q->pairs[i].left, file, q->line, q->col, true, diags);
		scan_placeholders(q->pairs[i].right, file, q->line, q->col, true, diags);
	}
	for (size_t i = 0; i < q->n_numbers; i++)
		scan_placeholders(q->numbers[i].feedback, file, q->line, q->col, true, diags);
}

/* --- the quiz ---------------------------------------------------------- */

static size_t file_errors(const struct diag_list *diags, const char *file)
{
	size_t n = 0;

	for (size_t i = 0; i < diags->n; i++)
		if (diags->items[i].severity == DIAG_ERROR && strcmp(diags->items[i].file, file) == 0)
			n++;
	return n;
}

static void check_quiz(const struct library *lib, const struct course_source *cs,
		       struct diag_list *diags)
{
	const char **seen = NULL;
	size_t n_seen = 0, scored = 0;
	bool warned_none = false;

	if (!cs->has_quiz)
		return;
	for (size_t i = 0; i < cs->quiz.n; i++) {
		const struct question *q = &cs->quiz.questions[i];
		bool again = false;

		if (question_is_scored(q))
			scored++;
		scan_question(q, cs->quiz_path, diags);
		if (q->category == NULL) {
			if (!warned_none && q->type != QUESTION_DESCRIPTION)
				diag_add(diags, DIAG_WARNING, cs->quiz_path, q->line, q->col,
					 "question '%s' has no topic: put '$CATEGORY: topic' "
					 "before it",
					 q->id ? q->id : "");
			warned_none = true;
			continue;
		}
		for (size_t k = 0; k < n_seen && !again; k++)
			again = strcmp(seen[k], q->category) == 0;
		if (again)
			continue;
		seen = xreallocarray(seen, n_seen + 1, sizeof(*seen));
		seen[n_seen++] = q->category;
		if (lib->n_topic_files > 0 && !topic_known(lib, q->category))
			diag_add(diags, DIAG_ERROR, cs->quiz_path, q->line, q->col,
				 "unknown topic '%s' in $CATEGORY (not in topics.conf)",
				 q->category);
		else if (cs->n_topics > 0 && !course_has_topic(cs, q->category))
			diag_add(diags, DIAG_ERROR, cs->quiz_path, q->line, q->col,
				 "the topic '%s' of $CATEGORY is not among the course's topics",
				 q->category);
	}
	free(seen);
	if (file_errors(diags, cs->quiz_path) > 0)
		return; /* questions with errors were dropped: counts would mislead */
	if (scored == 0) {
		diag_add(diags, DIAG_ERROR, cs->quiz_path, 0, 0,
			 "the quiz has no scored questions");
	} else if ((size_t)cs->pretest > scored) {
		struct course_pos pos = course_source_pos(cs, "pretest");

		diag_add(diags, DIAG_ERROR, cs->course_path, pos.line, pos.col,
			 "the pre-test asks %d questions, but the quiz has only %zu scored",
			 cs->pretest, scored);
	}
}

/* --- pages and readability -------------------------------------------- */

static void figure_add(struct library *lib, const char *file, int line, const char *title,
		       bool skipped, const struct lix *lix)
{
	struct library_figure *f;

	lib->figures = xreallocarray(lib->figures, lib->n_figures + 1, sizeof(*lib->figures));
	f = &lib->figures[lib->n_figures++];
	f->file = xstrdup(file);
	f->line = line;
	f->title = xstrdup(title);
	f->skipped = skipped;
	f->lix = *lix;
}

/* Parses Markdown and adds its readability to acc; -1 when it cannot. */
static int lix_markdown(const char *md, struct lix *acc, const char *file, int line,
			struct diag_list *diags)
{
	struct page page = { 0 };
	char *cause = NULL;

	if (page_parse(md, strlen(md), &page, &cause) < 0) {
		diag_add(diags, DIAG_ERROR, file, line, 1, "%s", cause);
		free(cause);
		return -1;
	}
	lix_add_page(acc, &page);
	page_release(&page);
	return 0;
}

static void check_pages(struct library *lib, const struct course_source *cs,
			struct diag_list *diags)
{
	bool all = cs->audience && strcmp(cs->audience, "all") == 0;

	for (size_t i = 0; i < cs->n_pages; i++) {
		const struct course_page *p = &cs->pages[i];
		struct lix acc = LIX_INIT;
		bool skipped = lix_skipped_title(p->title);
		double v;

		lix_add_text(&acc, p->title);
		if (lix_markdown(p->markdown, &acc, cs->course_path, p->line, diags) < 0)
			continue;
		figure_add(lib, cs->course_path, p->line, p->title, skipped, &acc);
		if (skipped)
			continue;
		if (acc.words > LIBRARY_PAGE_WORDS_MAX)
			diag_add(diags, DIAG_WARNING, cs->course_path, p->line, 1,
				 "the page '%s' has %d words, more than %d", p->title, acc.words,
				 LIBRARY_PAGE_WORDS_MAX);
		v = lix_value(&acc);
		if (all && v > LIBRARY_LIX_PAGE_MAX)
			diag_add(diags, DIAG_WARNING, cs->course_path, p->line, 1,
				 "the page '%s' has LIX %.1f, above %.0f for all staff (%d words, "
				 "%d sentences, %d long words)",
				 p->title, v, LIBRARY_LIX_PAGE_MAX, acc.words, acc.sentences,
				 acc.long_words);
	}
	if (cs->handout) {
		struct lix acc = LIX_INIT;
		double v;

		if (lix_markdown(cs->handout, &acc, cs->handout_path, 1, diags) < 0)
			return;
		figure_add(lib, cs->handout_path, 1, "(handout)", false, &acc);
		v = lix_value(&acc);
		if (all && v > LIBRARY_LIX_HANDOUT_MAX)
			diag_add(diags, DIAG_WARNING, cs->handout_path, 1, 1,
				 "the handout has LIX %.1f, above %.0f for all staff (%d words, "
				 "%d sentences, %d long words)",
				 v, LIBRARY_LIX_HANDOUT_MAX, acc.words, acc.sentences, acc.long_words);
	}
}

void library_check(struct library *lib, struct diag_list *diags)
{
	for (size_t i = 0; i < lib->n_courses; i++) {
		const struct course_source *cs = &lib->courses[i];

		check_topics(lib, cs, diags);
		check_refs(lib, i, diags);
		check_order(lib, cs, diags);
		check_quiz(lib, cs, diags);
		check_pages(lib, cs, diags);
		if (cs->course_text)
			scan_placeholders(cs->course_text, cs->course_path, 1, 1, false, diags);
		if (cs->handout)
			scan_placeholders(cs->handout, cs->handout_path, 1, 1, false, diags);
	}
	check_cycles(lib, diags);
}
