/* The course as a printed booklet; see booklet.h. */
#include "reports/booklet.h"

#include "core/catalog.h"
#include "core/page.h"
#include "core/scancode.h"
#include "core/store.h"
#include "core/xmalloc.h"
#include "reports/doc.h"
#include "reports/flow.h"
#include "reports/words.h"

#define BODY_SIZE 12.5

struct booklet {
	const char *org;
	const struct catalog_course *course;
	const char *title_head; /* running head on the right */
	const struct words *w;  /* in the course's language */
};

static void on_page(struct flow *f, void *ctx)
{
	const struct booklet *b = ctx;

	doc_head(f->pdf, b->org, b->title_head);
}

static int cover(struct pdf *pdf, const struct booklet *b, const struct catalog_pages *pages,
		 const char *code, char **cause)
{
	const struct words *w = b->w;
	struct flow f;
	char line[400], *grouped = scancode_group(code), *minutes;
	double h;
	int rc;

	flow_init(&f, pdf, DOC_MARGIN, DOC_WIDTH, DOC_BODY_TOP, DOC_BODY_BOTTOM, BODY_SIZE);
	flow_page(&f);
	doc_head(pdf, b->org, w->subject);
	f.y = DOC_BODY_TOP + PDF_MM(30);
	flow_text(&f, PDF_REGULAR, 14, 0, w->course_kicker, 8);
	flow_text(&f, PDF_BOLD, 28, 0, b->course->title, 18);
	minutes = words_minutes(w, b->course->minutes);
	flow_text(&f, PDF_REGULAR, BODY_SIZE, 0, minutes, 24);
	free(minutes);
	flow_text(&f, PDF_BOLD, 14, 0, w->contents, 6);
	for (size_t i = 0; i < pages->n; i++) {
		snprintf(line, sizeof(line), "%zu. %s", i + 1, pages->items[i].title);
		flow_text(&f, PDF_REGULAR, BODY_SIZE, PDF_MM(4), line, 3);
	}
	flow_gap(&f, 14);
	flow_text(&f, PDF_REGULAR, BODY_SIZE, 0, w->read_one_page, 0);
	rc = doc_qr_labelled(pdf, code, PDF_QR_MIN_MM, DOC_MARGIN, DOC_BODY_BOTTOM - PDF_MM(40),
			     DOC_WIDTH / 2, 11, w->also_in_kiosk, grouped, w->kiosk_scan_note, &h,
			     cause);
	free(grouped);
	return rc;
}

static int closing(struct flow *f, const struct booklet *b, const char *code, char **cause)
{
	const struct words *w = b->w;
	char *text, *grouped = scancode_group(code);
	double h;
	int rc;

	flow_page(f);
	flow_text(f, PDF_BOLD, BODY_SIZE * 1.7, 0, w->show_title, 10);
	flow_text(f, PDF_REGULAR, BODY_SIZE, 0, w->show_intro, 10);
	flow_text(f, PDF_BOLD, BODY_SIZE * 1.3, 0, w->on_paper, 4);
	text = words_paper_how(w, b->course->title, b->course->pass_mark);
	flow_text(f, PDF_REGULAR, BODY_SIZE, 0, text, 10);
	free(text);
	flow_text(f, PDF_BOLD, BODY_SIZE * 1.3, 0, w->in_kiosk, 4);
	flow_text(f, PDF_REGULAR, BODY_SIZE, 0, w->in_kiosk_text, 12);
	if (!flow_need(f, PDF_MM(36))) {
		free(grouped);
		return 0;
	}
	rc = doc_qr_labelled(f->pdf, code, PDF_QR_MIN_MM, DOC_MARGIN, f->y, DOC_WIDTH / 2, 11,
			     w->open_in_kiosk, grouped, w->code_only_course, &h, cause);
	f->y += h;
	free(grouped);
	return rc;
}

int booklet_print(struct store *store, const char *course_slug, const char *path, size_t *pages_out,
		  char **warning, char **cause)
{
	struct catalog_course course;
	struct catalog_pages pages = {NULL, 0};
	struct doc_fill fill;
	struct booklet b;
	struct flow f;
	struct pdf *pdf = NULL;
	struct pdf_meta meta;
	struct outfile_policy policy;
	char *org = doc_organisation(store), *code = NULL, *today = store_now();
	int found, rc = -1;

	*warning = NULL;
	*pages_out = 0;
	memset(&course, 0, sizeof(course));
	doc_fill_init(&fill, store);
	if (doc_output_prepare(store, path, &policy, cause) < 0)
		goto cleanup;
	found = catalog_course_find(store, course_slug, &course, cause);
	if (found <= 0) {
		if (found == 0)
			*cause =
			    xasprintf("no course '%s' (see 'vaksam content build')", course_slug);
		goto cleanup;
	}
	if (catalog_pages_load(store, course.id, &pages, cause) < 0)
		goto cleanup;
	if (pages.n == 0) {
		*cause = xasprintf("course '%s' has no lesson pages", course_slug);
		goto cleanup;
	}
	code = scancode_course(course.slug);
	if (code == NULL) {
		*cause = xasprintf("course '%s' has no scan code", course.slug);
		goto cleanup;
	}
	meta.title = course.title;
	meta.author = org;
	meta.subject = words_get(course.language)->course_kicker;
	meta.created = store_time();
	if (pdf_new(&meta, &pdf, cause) < 0)
		goto cleanup;
	b.org = org;
	b.course = &course;
	b.title_head = course.title;
	b.w = words_get(course.language);
	if (cover(pdf, &b, &pages, code, cause) < 0)
		goto cleanup;
	flow_init(&f, pdf, DOC_MARGIN, DOC_WIDTH, DOC_BODY_TOP + 4, DOC_BODY_BOTTOM, BODY_SIZE);
	f.on_page = on_page;
	f.ctx = &b;
	f.box_label = b.w->box_label;
	for (size_t i = 0; i < pages.n; i++) {
		struct page model = {0};
		char title[300];

		if (page_parse(pages.items[i].body, strlen(pages.items[i].body), &model, cause) < 0)
			goto cleanup;
		page_fill_placeholders(&model, doc_fill_lookup, &fill);
		flow_page(&f);
		snprintf(title, sizeof(title), "%zu. %s", i + 1, pages.items[i].title);
		{
			char *filled = page_fill(title, doc_fill_lookup, &fill);

			flow_text(&f, PDF_BOLD, BODY_SIZE * 1.7, 0, filled, BODY_SIZE * 0.6);
			free(filled);
		}
		flow_page_model(&f, &model, false);
		page_release(&model);
	}
	if (closing(&f, &b, code, cause) < 0)
		goto cleanup;
	/* Page numbers, now that the count is known. */
	for (size_t p = 0; p < pdf_page_count(pdf); p++) {
		char *version = words_version(b.w, course.version);
		char *printed = words_printed(b.w, today);
		char *page = words_page(b.w, p + 1, pdf_page_count(pdf));
		char left[300];

		pdf_page_select(pdf, p);
		snprintf(left, sizeof(left), "%s · %s", version, printed);
		doc_foot(pdf, left, page);
		free(version);
		free(printed);
		free(page);
	}
	if (pdf_write_policy(pdf, path, &policy, cause) < 0)
		goto cleanup;
	*pages_out = pdf_page_count(pdf);
	if (fill.missing)
		*warning =
		    xasprintf("these placeholders have no setting and were printed as written:"
			      " %s (see 'vaksam config set')",
			      fill.missing);
	rc = 0;
cleanup:
	pdf_free(&pdf);
	catalog_pages_release(&pages);
	catalog_course_release(&course);
	doc_fill_release(&fill);
	free(org);
	free(code);
	free(today);
	return rc;
}
