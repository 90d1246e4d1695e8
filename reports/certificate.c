/* The certificate (intyg) as a PDF; see certificate.h. */
#include "reports/certificate.h"

#include <unistd.h>

#include "core/audit.h"
#include "core/certificate.h"
#include "core/person.h"
#include "core/scancode.h"
#include "core/store.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "reports/doc.h"
#include "reports/pdf.h"

static double centred(struct pdf *pdf, enum pdf_font font, double size, double y, const char *text)
{
	struct pdf_layout l = {0};
	double h;

	pdf_layout_text(pdf, font, text, size, size * 1.3, DOC_WIDTH - PDF_MM(20), &l);
	pdf_layout_draw(pdf, &l, 0, l.n_lines, DOC_MARGIN + PDF_MM(10), y, PDF_CENTER,
			DOC_WIDTH - PDF_MM(20));
	h = pdf_layout_height(&l, 0, l.n_lines);
	pdf_layout_release(&l);
	return h;
}

/* The table of courses; returns its height. */
static double course_table(struct pdf *pdf, const struct certificate *cert, double y)
{
	double x = DOC_MARGIN + PDF_MM(8), w = DOC_WIDTH - PDF_MM(16);
	double c2 = x + w * 0.62, c3 = x + w * 0.85, top = y;

	pdf_text(pdf, PDF_BOLD, 11, x, y, 0, PDF_LEFT, "Kurs");
	pdf_text(pdf, PDF_BOLD, 11, c2, y, 0, PDF_LEFT, "Godkänd");
	pdf_text(pdf, PDF_BOLD, 11, c3, y, x + w - c3, PDF_RIGHT, "Resultat");
	y += 16;
	pdf_line(pdf, x, y, x + w, y, 0.8, 0);
	y += 6;
	for (size_t i = 0; i < cert->n_courses; i++) {
		const struct certificate_course *c = &cert->courses[i];
		struct pdf_layout l = {0};
		char date[40], score[24];
		double h;

		pdf_layout_text(pdf, PDF_REGULAR, c->title, 11.5, 15, c2 - x - PDF_MM(4), &l);
		pdf_layout_draw(pdf, &l, 0, l.n_lines, x, y, PDF_LEFT, 0);
		h = pdf_layout_height(&l, 0, l.n_lines);
		pdf_layout_release(&l);
		pdf_text(pdf, PDF_REGULAR, 11.5, c2, y + 1.5, 0, PDF_LEFT,
			 doc_date_sv(c->passed_at, date, sizeof(date)));
		snprintf(score, sizeof(score), "%.0f %%", c->score);
		pdf_text(pdf, PDF_REGULAR, 11.5, c3, y + 1.5, x + w - c3, PDF_RIGHT, score);
		y += h + 6;
		pdf_line(pdf, x, y - 3, x + w, y - 3, 0.3, 0);
	}
	return y - top;
}

static int render(struct pdf *pdf, const struct certificate *cert, const char *org, char **cause)
{
	char line[600], date[40], *grouped = scancode_group(cert->code);
	char *unit = NULL;
	double y, h;
	int rc = -1;

	if (cert->unit_path) {
		struct strbuf sb = STRBUF_INIT;

		for (const char *p = cert->unit_path; *p; p++) {
			if (*p == '/')
				strbuf_addstr(&sb, " / ");
			else
				strbuf_addch(&sb, *p);
		}
		unit = strbuf_detach(&sb);
	}
	pdf_page_add(pdf);
	doc_head(pdf, org, "Intyg");
	/* A frame, as a printed certificate has. */
	pdf_rect(pdf, DOC_MARGIN - PDF_MM(4), DOC_TOP + 26, DOC_WIDTH + PDF_MM(8),
		 DOC_BOTTOM - 22 - (DOC_TOP + 26) - PDF_MM(2), 1.4, 0);
	y = DOC_TOP + PDF_MM(28);
	y += centred(pdf, PDF_BOLD, 34, y, "Intyg") + 6;
	y += centred(pdf, PDF_REGULAR, 14, y,
		     cert->programme ? "Samordnarprogrammet i informationssäkerhet"
				     : "Utbildning i informationssäkerhet") +
	     PDF_MM(12);
	y += centred(pdf, PDF_REGULAR, 13, y, "Härmed intygas att") + 8;
	y += centred(pdf, PDF_BOLD, 24, y, cert->person_name ? cert->person_name : "") + 4;
	snprintf(line, sizeof(line), "anställningsnummer %s%s%s",
		 cert->employee_no ? cert->employee_no : "", unit ? " · " : "", unit ? unit : "");
	y += centred(pdf, PDF_REGULAR, 12, y, line) + PDF_MM(8);
	if (cert->programme)
		y += centred(pdf, PDF_REGULAR, 13, y,
			     "har genomgått samordnarprogrammet i informationssäkerhet och blivit"
			     " godkänd på alla dess kurser:");
	else
		y +=
		    centred(pdf, PDF_REGULAR, 13, y, "har genomgått och blivit godkänd på kursen:");
	y += PDF_MM(6);
	y += course_table(pdf, cert, y) + PDF_MM(6);
	snprintf(line, sizeof(line), "Utfärdat %s av %s.",
		 doc_date_sv(cert->issued, date, sizeof(date)), org);
	y += centred(pdf, PDF_REGULAR, 12, y, line);
	/* The verification code at the foot of the frame. */
	snprintf(line, sizeof(line),
		 "Intyget har ingen underskrift. Äktheten kontrolleras med koden: be"
		 " informationssäkerhetssamordnaren hos %s kontrollera den, så ser du vad"
		 " intyget gäller.",
		 org);
	if (doc_qr_labelled_height(pdf, cert->code, PDF_QR_MIN_MM, DOC_WIDTH - PDF_MM(52), 11,
				   "Kontrollkod", grouped, line, &h, cause) < 0)
		goto cleanup;
	if (doc_qr_labelled(pdf, cert->code, PDF_QR_MIN_MM, DOC_MARGIN + PDF_MM(4),
			    DOC_BOTTOM - 22 - PDF_MM(6) - h, DOC_WIDTH - PDF_MM(52), 11,
			    "Kontrollkod", grouped, line, &h, cause) < 0)
		goto cleanup;
	snprintf(line, sizeof(line), "Intyg %s", grouped);
	doc_foot(pdf, line, org);
	rc = 0;
cleanup:
	free(grouped);
	free(unit);
	return rc;
}

int certificate_print(struct store *store, const char *employee_no, const char *course_slug,
		      const char *path, char **code, char **cause)
{
	struct certificate cert;
	struct person p;
	struct pdf *pdf = NULL;
	struct pdf_meta meta;
	struct outfile_policy policy;
	char *org = doc_organisation(store), *title = NULL;
	bool wrote = false;
	int found, rc = -1;

	*code = NULL;
	memset(&cert, 0, sizeof(cert));
	memset(&p, 0, sizeof(p));
	if (doc_output_prepare(store, path, &policy, cause) < 0 || store_begin(store, cause) < 0)
		goto cleanup;
	found = person_find(store, employee_no, &p, cause);
	if (found <= 0) {
		if (found == 0)
			*cause = xasprintf("no person with employee number '%s'", employee_no);
		goto cleanup;
	}
	found = certificate_issue(store, p.id, course_slug, &cert, cause);
	if (found != 0) {
		if (found == 1) {
			char *inner = *cause;

			*cause = xasprintf("no certificate for %s: %s", employee_no, inner);
			free(inner);
		}
		goto cleanup;
	}
	if (audit_recordf(store, 0, "print.certificate", p.id, cause, "certificate=%lld kind=%s",
			  cert.id, cert.programme ? "programme" : "course") < 0)
		goto cleanup;
	title = xasprintf("Intyg – %s", cert.person_name);
	meta.title = title;
	meta.author = org;
	meta.subject = cert.programme ? "Samordnarprogrammet i informationssäkerhet"
				      : "Utbildning i informationssäkerhet";
	meta.created = store_time();
	if (pdf_new(&meta, &pdf, cause) < 0 || render(pdf, &cert, org, cause) < 0 ||
	    pdf_write_policy(pdf, path, &policy, cause) < 0)
		goto cleanup;
	wrote = true;
	if (store_commit(store, cause) < 0)
		goto cleanup;
	*code = xstrdup(cert.code);
	rc = 0;
cleanup:
	if (rc < 0) {
		/* An unrecorded certificate would not verify: leave no file. */
		store_rollback(store);
		if (wrote)
			unlink(path);
	}
	pdf_free(&pdf);
	certificate_release(&cert);
	person_release(&p);
	free(org);
	free(title);
	return rc;
}
