/* One-page handouts with labelled QR codes; see handout.h. */
#include "reports/handout.h"

#include "core/catalog.h"
#include "core/page.h"
#include "core/scancode.h"
#include "core/setting.h"
#include "core/store.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "reports/doc.h"
#include "reports/flow.h"
#include "reports/words.h"

/* Everything one handout page needs; nothing owned. */
struct handout {
	const char *org;
	const struct catalog_course *course;
	const struct page *page; /* placeholders filled */
	const char *code;        /* VKC... */
	const char *url;         /* NULL when handout_url is not set */
	const char *today;       /* ISO time */
	const struct words *w;   /* in the course's language */
};

/* The QR codes in a row at the foot; measures (draw false) or draws them.
 * Sets *height. */
static int qr_row(struct pdf *pdf, const struct handout *h, double top, bool draw, double *height,
		  char **cause)
{
	double col = h->url ? (DOC_WIDTH - PDF_MM(8)) / 2 : DOC_WIDTH;
	double side, label_w, h1 = 0, h2 = 0;
	char *grouped = scancode_group(h->code);
	int rc = -1;

	if (pdf_qr_side(h->code, PDF_QR_MIN_MM, &side, cause) < 0)
		goto cleanup;
	label_w = col - side - PDF_MM(2);
	if (draw) {
		if (doc_qr_labelled(pdf, h->code, PDF_QR_MIN_MM, DOC_MARGIN, top, label_w, 11,
				    h->w->open_in_kiosk, grouped, h->w->kiosk_scan_note, &h1,
				    cause) < 0)
			goto cleanup;
	} else if (doc_qr_labelled_height(pdf, h->code, PDF_QR_MIN_MM, label_w, 11,
					  h->w->open_in_kiosk, grouped, h->w->kiosk_scan_note, &h1,
					  cause) < 0) {
		goto cleanup;
	}
	if (h->url) {
		double x = DOC_MARGIN + col + PDF_MM(8);

		if (pdf_qr_side(h->url, PDF_QR_MIN_MM, &side, cause) < 0)
			goto cleanup;
		label_w = col - side - PDF_MM(2);
		if (draw) {
			if (doc_qr_labelled(pdf, h->url, PDF_QR_MIN_MM, x, top, label_w, 11,
					    h->w->read_on_phone, h->url, h->w->trust_note, &h2,
					    cause) < 0)
				goto cleanup;
		} else if (doc_qr_labelled_height(pdf, h->url, PDF_QR_MIN_MM, label_w, 11,
						  h->w->read_on_phone, h->url, h->w->trust_note,
						  &h2, cause) < 0) {
			goto cleanup;
		}
	}
	*height = h1 > h2 ? h1 : h2;
	rc = 0;
cleanup:
	free(grouped);
	return rc;
}

static bool has_title(const struct page *page)
{
	for (size_t i = 0; i < page->n_blocks; i++) {
		if (page->blocks[i].type == PAGE_HEADING && page->blocks[i].level == 1 &&
		    page->blocks[i].box == 0)
			return true;
	}
	return false;
}

/* Runs the body in the frame at a size; returns false when it overflows. */
static bool body(struct pdf *pdf, const struct handout *h, double bottom, double size)
{
	struct flow f;

	flow_init(&f, pdf, DOC_MARGIN, DOC_WIDTH, DOC_BODY_TOP + 4, bottom, size);
	f.single_page = true;
	f.box_label = h->w->box_label;
	f.started = true; /* the page exists: any further page is an overflow */
	if (!has_title(h->page)) {
		flow_text(&f, PDF_BOLD, size * 1.7, 0, h->course->title, size * 0.5);
	}
	flow_page_model(&f, h->page, false);
	return !f.overflow;
}

static int handout_page(struct pdf *pdf, const struct handout *h, char **cause)
{
	static const double sizes[] = {13.0, 12.5, HANDOUT_MIN_SIZE};
	char left[400], *version, *printed;
	double qr_h, qr_top, bottom, size = 0;

	pdf_page_add(pdf);
	if (qr_row(pdf, h, 0, false, &qr_h, cause) < 0)
		return -1;
	qr_top = DOC_BODY_BOTTOM - qr_h;
	bottom = qr_top - PDF_MM(6);
	pdf_mute(pdf, true);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]) && size == 0; i++)
		if (body(pdf, h, bottom, sizes[i]))
			size = sizes[i];
	pdf_mute(pdf, false);
	if (size == 0) {
		*cause =
		    xasprintf("the handout of course '%s' does not fit on one A4 page at %.0f pt;"
			      " shorten its handout.md",
			      h->course->slug, HANDOUT_MIN_SIZE);
		return -1;
	}
	doc_head(pdf, h->org, h->w->handout_head);
	body(pdf, h, bottom, size);
	pdf_line(pdf, DOC_MARGIN, qr_top - PDF_MM(3), DOC_MARGIN + DOC_WIDTH, qr_top - PDF_MM(3),
		 0.4, 0);
	if (qr_row(pdf, h, qr_top, true, &qr_h, cause) < 0)
		return -1;
	version = words_version(h->w, h->course->version);
	printed = words_printed(h->w, h->today);
	snprintf(left, sizeof(left), "%s · %s", h->course->title, version);
	doc_foot(pdf, left, printed);
	free(version);
	free(printed);
	return 0;
}

/* Returns the handout_url with {course} replaced, or NULL when unset. */
static char *course_url(struct store *store, const char *slug)
{
	char *cause = NULL;
	char *tmpl = setting_get(store, "handout_url", &cause);
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	free(cause);
	if (tmpl == NULL || *tmpl == '\0') {
		free(tmpl);
		return NULL;
	}
	for (p = tmpl; *p;) {
		if (strncmp(p, "{course}", 8) == 0) {
			strbuf_addstr(&sb, slug);
			p += 8;
		} else {
			strbuf_addch(&sb, *p++);
		}
	}
	free(tmpl);
	return strbuf_detach(&sb);
}

/* Adds the handout page of one course. */
static int handout_course(struct store *store, struct pdf *pdf, struct doc_fill *fill,
			  const struct catalog_course *course, const char *org, const char *today,
			  char **cause)
{
	struct page page = {0};
	struct handout h;
	char *markdown = NULL, *code = NULL, *url = NULL;
	int found, rc = -1;

	found = catalog_handout_load(store, course->id, &markdown, cause);
	if (found <= 0) {
		if (found == 0)
			*cause = xasprintf("course '%s' has no handout (handout.md)", course->slug);
		goto cleanup;
	}
	if (page_parse(markdown, strlen(markdown), &page, cause) < 0)
		goto cleanup;
	page_fill_placeholders(&page, doc_fill_lookup, fill);
	code = scancode_course(course->slug);
	if (code == NULL) {
		*cause = xasprintf("course '%s' has no scan code", course->slug);
		goto cleanup;
	}
	url = course_url(store, course->slug);
	h.org = org;
	h.course = course;
	h.page = &page;
	h.code = code;
	h.url = url;
	h.today = today;
	h.w = words_get(course->language);
	rc = handout_page(pdf, &h, cause);
cleanup:
	page_release(&page);
	free(markdown);
	free(code);
	free(url);
	return rc;
}

int handout_print(struct store *store, const char *course_slug, const char *path, char **warning,
		  char **cause)
{
	struct catalog_courses all = {NULL, 0};
	struct catalog_course one;
	struct doc_fill fill;
	struct pdf *pdf = NULL;
	struct pdf_meta meta;
	struct outfile_policy policy;
	char *org = doc_organisation(store), *today = store_now(), *title = NULL;
	int found, rc = -1;

	*warning = NULL;
	memset(&one, 0, sizeof(one));
	doc_fill_init(&fill, store);
	if (doc_output_prepare(store, path, &policy, cause) < 0)
		goto cleanup;
	if (course_slug) {
		found = catalog_course_find(store, course_slug, &one, cause);
		if (found <= 0) {
			if (found == 0)
				*cause = xasprintf("no course '%s' (see 'vaksam content build')",
						   course_slug);
			goto cleanup;
		}
		title = xasprintf("%s – %s", one.title, words_get(one.language)->remember);
	} else {
		if (catalog_courses_load(store, &all, cause) < 0)
			goto cleanup;
		title = xstrdup("Informationssäkerhet – att komma ihåg");
	}
	meta.title = title;
	meta.author = org;
	meta.subject = "Utbildning i informationssäkerhet";
	meta.created = store_time();
	if (pdf_new(&meta, &pdf, cause) < 0)
		goto cleanup;
	if (course_slug) {
		if (handout_course(store, pdf, &fill, &one, org, today, cause) < 0)
			goto cleanup;
	} else {
		for (size_t i = 0; i < all.n; i++) {
			if (!all.items[i].has_handout)
				continue;
			if (handout_course(store, pdf, &fill, &all.items[i], org, today, cause) < 0)
				goto cleanup;
		}
		if (pdf_page_count(pdf) == 0) {
			*cause = xstrdup("no course has a handout");
			goto cleanup;
		}
	}
	if (pdf_write_policy(pdf, path, &policy, cause) < 0)
		goto cleanup;
	if (fill.missing)
		*warning =
		    xasprintf("these placeholders have no setting and were printed as written:"
			      " %s (see 'vaksam config set')",
			      fill.missing);
	rc = 0;
cleanup:
	pdf_free(&pdf);
	catalog_course_release(&one);
	catalog_courses_release(&all);
	doc_fill_release(&fill);
	free(org);
	free(today);
	free(title);
	return rc;
}
