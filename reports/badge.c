/* Login cards and activation slips; see badge.h. */
#include "reports/badge.h"

#include <unistd.h>

#include "core/audit.h"
#include "core/badge.h"
#include "core/login.h"
#include "core/person.h"
#include "core/store.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "reports/doc.h"
#include "reports/pdf.h"

/* The card and its place on the sheet: 2 columns x 4 rows, centred. */
#define CARD_W   PDF_MM(85)
#define CARD_H   PDF_MM(54)
#define GRID_X   ((PDF_A4_WIDTH - 2 * CARD_W) / 2)
#define GRID_Y   ((PDF_A4_HEIGHT - 4 * CARD_H) / 2)
#define CARD_PAD PDF_MM(3.5)
#define MARK_GAP PDF_MM(2)
#define MARK_LEN PDF_MM(6)

/* Activation slips: 3 to a page, three panels each. */
#define SLIP_W         PDF_MM(186)
#define SLIP_H         PDF_MM(72)
#define SLIP_X         ((PDF_A4_WIDTH - SLIP_W) / 2)
#define SLIP_GAP       PDF_MM(12)
#define SLIP_Y0        PDF_MM(30)
#define SLIPS_PER_PAGE 3
#define PANEL_A        PDF_MM(74)
#define PANEL_B        PDF_MM(56)

/* One person's card and, when they have no PIN, slip. */
struct card {
	struct person person;       /* owned */
	struct login_issued issued; /* owned; wiped on release */
	struct login_prepared prep; /* owned; codes made before the transaction */
};

static void cards_free(struct card *cards, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		person_release(&cards[i].person);
		login_issued_release(&cards[i].issued);
		login_prepared_release(&cards[i].prep);
	}
	free(cards);
}

/* "Förvaltning/Enhet" printed as "Förvaltning / Enhet". */
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

/* --- the cards --------------------------------------------------------- */

static void cut_marks(struct pdf *pdf, size_t rows)
{
	double bottom = GRID_Y + (double)rows * CARD_H;

	for (int c = 0; c <= 2; c++) {
		double x = GRID_X + c * CARD_W;

		pdf_line(pdf, x, GRID_Y - MARK_GAP, x, GRID_Y - MARK_GAP - MARK_LEN, 0.5, 0);
		pdf_line(pdf, x, bottom + MARK_GAP, x, bottom + MARK_GAP + MARK_LEN, 0.5, 0);
	}
	for (size_t r = 0; r <= rows; r++) {
		double y = GRID_Y + (double)r * CARD_H;

		pdf_line(pdf, GRID_X - MARK_GAP, y, GRID_X - MARK_GAP - MARK_LEN, y, 0.5, 0);
		pdf_line(pdf, GRID_X + 2 * CARD_W + MARK_GAP, y,
			 GRID_X + 2 * CARD_W + MARK_GAP + MARK_LEN, y, 0.5, 0);
	}
}

/* Lays out the left column of a card at a scale: name, unit, and what the
 * code holds. Returns its height. */
static double card_text(struct pdf *pdf, const char *name, const char *unit, const char *code,
			double width, double scale, struct pdf_layout l[4])
{
	pdf_layout_text(pdf, PDF_BOLD, name, 11.5 * scale, 13.5 * scale, width, &l[0]);
	pdf_layout_text(pdf, PDF_REGULAR, unit, 8.5 * scale, 10.5 * scale, width, &l[1]);
	pdf_layout_text(pdf, PDF_REGULAR, "Koden i QR-koden:", 7 * scale, 8.5 * scale, width,
			&l[2]);
	pdf_layout_text(pdf, PDF_BOLD, code, 8 * scale, 9.6 * scale, width, &l[3]);
	return pdf_layout_height(&l[0], 0, l[0].n_lines) + 3 * scale +
	       pdf_layout_height(&l[1], 0, l[1].n_lines) + 6 * scale +
	       pdf_layout_height(&l[2], 0, l[2].n_lines) +
	       pdf_layout_height(&l[3], 0, l[3].n_lines);
}

static int card_draw(struct pdf *pdf, const struct card *c, const char *org, double x, double y,
		     char **cause)
{
	struct pdf_layout l[4];
	struct pdf_qr qr = PDF_QR_INIT;
	char *label = badge_code_label(c->issued.badge);
	char *unit = unit_display(c->person.unit_path);
	double qx, qy, tw, th = 0, avail, scale = 1.0, ty, bottom;
	int rc = -1;

	memset(l, 0, sizeof(l));
	/* A hairline outline helps where the cut marks are far away. */
	pdf_rect(pdf, x, y, CARD_W, CARD_H, 0.25, 0.7);
	pdf_text(pdf, PDF_BOLD, 8.5, x + CARD_PAD, y + CARD_PAD, 0, PDF_LEFT, org);
	pdf_text(pdf, PDF_REGULAR, 7, x + CARD_PAD, y + CARD_PAD, CARD_W - 2 * CARD_PAD, PDF_RIGHT,
		 "Personligt inloggningskort");
	pdf_line(pdf, x + CARD_PAD, y + CARD_PAD + 12, x + CARD_W - CARD_PAD, y + CARD_PAD + 12,
		 0.4, 0);
	bottom = y + CARD_H - CARD_PAD - 8;
	pdf_text(pdf, PDF_REGULAR, 7, x + CARD_PAD, bottom, CARD_W - 2 * CARD_PAD, PDF_LEFT,
		 "Logga in: skanna kortet i kiosken och skriv din PIN-kod.");
	if (pdf_qr_make(c->issued.badge, PDF_QR_MIN_MM, &qr, cause) < 0)
		goto cleanup;
	qx = x + CARD_W - qr.side - PDF_MM(1);
	qy = y + CARD_PAD + 13;
	pdf_qr_draw(pdf, &qr, qx, qy);
	/* The left column, made smaller until it fits beside the code. */
	tw = qx - x - CARD_PAD;
	avail = bottom - 3 - (y + CARD_PAD + 17);
	for (; scale > 0.6; scale -= 0.1) {
		for (int i = 0; i < 4; i++)
			pdf_layout_release(&l[i]);
		th = card_text(pdf, c->person.name, unit, label, tw, scale, l);
		if (th <= avail)
			break;
	}
	ty = y + CARD_PAD + 17;
	pdf_layout_draw(pdf, &l[0], 0, l[0].n_lines, x + CARD_PAD, ty, PDF_LEFT, tw);
	ty += pdf_layout_height(&l[0], 0, l[0].n_lines) + 3 * scale;
	pdf_layout_draw(pdf, &l[1], 0, l[1].n_lines, x + CARD_PAD, ty, PDF_LEFT, tw);
	/* What the code holds, in plain text, at the foot of the column. */
	ty = bottom - 3 - pdf_layout_height(&l[3], 0, l[3].n_lines);
	pdf_layout_draw(pdf, &l[3], 0, l[3].n_lines, x + CARD_PAD, ty, PDF_LEFT, tw);
	ty -= pdf_layout_height(&l[2], 0, l[2].n_lines);
	pdf_layout_draw(pdf, &l[2], 0, l[2].n_lines, x + CARD_PAD, ty, PDF_LEFT, tw);
	rc = 0;
cleanup:
	for (int i = 0; i < 4; i++)
		pdf_layout_release(&l[i]);
	pdf_qr_release(&qr);
	free(label);
	free(unit);
	return rc;
}

static int cards_render(struct pdf *pdf, const struct card *cards, size_t n, const char *org,
			const char *today, char **cause)
{
	size_t sheets = (n + BADGECARD_PER_SHEET - 1) / BADGECARD_PER_SHEET;
	char date[40];

	doc_date_sv(today, date, sizeof(date));
	for (size_t s = 0; s < sheets; s++) {
		size_t first = s * BADGECARD_PER_SHEET;
		size_t count = n - first < BADGECARD_PER_SHEET ? n - first : BADGECARD_PER_SHEET;
		char head[200], foot[200];

		pdf_page_add(pdf);
		snprintf(head, sizeof(head), "Ark %zu av %zu · %zu kort · utskrivna %s", s + 1,
			 sheets, count, date);
		pdf_text(pdf, PDF_BOLD, 10, GRID_X, PDF_MM(12), 0, PDF_LEFT, org);
		pdf_text(pdf, PDF_REGULAR, 10, GRID_X, PDF_MM(12), 2 * CARD_W, PDF_RIGHT, head);
		pdf_text(pdf, PDF_REGULAR, 9, GRID_X, PDF_MM(17.5), 2 * CARD_W, PDF_LEFT,
			 "Inloggningskort. Klipp längs markeringarna och ge varje kort till rätt"
			 " person.");
		snprintf(foot, sizeof(foot),
			 "Kort som skrevs ut tidigare för de här personerna fungerar inte längre.");
		pdf_text(pdf, PDF_REGULAR, 9, GRID_X, PDF_A4_HEIGHT - PDF_MM(20), 2 * CARD_W,
			 PDF_LEFT, foot);
		pdf_text(pdf, PDF_REGULAR, 9, GRID_X, PDF_A4_HEIGHT - PDF_MM(15.5), 2 * CARD_W,
			 PDF_LEFT,
			 "Aktiveringskoder lämnas ut för sig, aldrig tillsammans med kortet.");
		cut_marks(pdf, (count + 1) / 2);
		for (size_t i = 0; i < count; i++) {
			double x = GRID_X + (double)(i % 2) * CARD_W;
			double y = GRID_Y + (double)(i / 2) * CARD_H;

			if (card_draw(pdf, &cards[first + i], org, x, y, cause) < 0)
				return -1;
		}
	}
	return 0;
}

/* --- the slips ------------------------------------------------------------ */

static void hatch(struct pdf *pdf, double x, double y, double w, double h)
{
	/* Dense crossing lines that hide the code when the panel is folded over
	 * it and the slip is held against the light. */
	pdf_fill_rect(pdf, x, y, w, h, 0.55);
	for (double d = -h; d < w; d += 3.0) {
		double x1 = x + d, y1 = y + h, x2 = x + d + h, y2 = y;

		if (x1 < x) {
			y1 -= x - x1;
			x1 = x;
		}
		if (x2 > x + w) {
			y2 += x2 - (x + w);
			x2 = x + w;
		}
		pdf_line(pdf, x1, y1, x2, y2, 1.1, 0);
	}
}

static void slip_draw(struct pdf *pdf, const struct card *c, const char *org, double x, double y)
{
	struct pdf_layout l = {0};
	char *unit = unit_display(c->person.unit_path);
	char *label = login_activation_label(c->issued.activation);
	char until[40], *text;
	double ax = x + PDF_MM(4), aw = PANEL_A - PDF_MM(8), ty;
	double bx = x + PANEL_A, cx = x + PANEL_A + PANEL_B, cw = SLIP_W - PANEL_A - PANEL_B;

	doc_date_sv(c->issued.activation_expires, until, sizeof(until));
	/* Cut marks at the four corners. */
	pdf_line(pdf, x - MARK_GAP, y, x - MARK_GAP - MARK_LEN, y, 0.5, 0);
	pdf_line(pdf, x, y - MARK_GAP, x, y - MARK_GAP - MARK_LEN, 0.5, 0);
	pdf_line(pdf, x + SLIP_W + MARK_GAP, y, x + SLIP_W + MARK_GAP + MARK_LEN, y, 0.5, 0);
	pdf_line(pdf, x + SLIP_W, y - MARK_GAP, x + SLIP_W, y - MARK_GAP - MARK_LEN, 0.5, 0);
	pdf_line(pdf, x - MARK_GAP, y + SLIP_H, x - MARK_GAP - MARK_LEN, y + SLIP_H, 0.5, 0);
	pdf_line(pdf, x, y + SLIP_H + MARK_GAP, x, y + SLIP_H + MARK_GAP + MARK_LEN, 0.5, 0);
	pdf_line(pdf, x + SLIP_W + MARK_GAP, y + SLIP_H, x + SLIP_W + MARK_GAP + MARK_LEN,
		 y + SLIP_H, 0.5, 0);
	pdf_line(pdf, x + SLIP_W, y + SLIP_H + MARK_GAP, x + SLIP_W,
		 y + SLIP_H + MARK_GAP + MARK_LEN, 0.5, 0);
	pdf_rect(pdf, x, y, SLIP_W, SLIP_H, 0.25, 0.7);

	/* Panel A: who it is for and what to do. */
	ty = y + PDF_MM(4);
	pdf_text(pdf, PDF_BOLD, 9, ax, ty, 0, PDF_LEFT, org);
	ty += 14;
	pdf_text(pdf, PDF_REGULAR, 9, ax, ty, 0, PDF_LEFT, "Personlig aktiveringskod till");
	ty += 13;
	pdf_layout_text(pdf, PDF_BOLD, c->person.name, 13, 15.5, aw, &l);
	pdf_layout_draw(pdf, &l, 0, l.n_lines, ax, ty, PDF_LEFT, aw);
	ty += pdf_layout_height(&l, 0, l.n_lines) + 1;
	pdf_layout_text(pdf, PDF_REGULAR, unit, 8.5, 10.5, aw, &l);
	pdf_layout_draw(pdf, &l, 0, l.n_lines, ax, ty, PDF_LEFT, aw);
	ty += pdf_layout_height(&l, 0, l.n_lines) + 6;
	text = xasprintf("Första gången du loggar in: skanna ditt kort i kiosken, skriv"
			 " aktiveringskoden och välj sedan en egen PIN-kod. Koden gäller en"
			 " gång, till och med %s.",
			 until);
	pdf_layout_text(pdf, PDF_REGULAR, text, 8.5, 10.8, aw, &l);
	pdf_layout_draw(pdf, &l, 0, l.n_lines, ax, ty, PDF_LEFT, aw);
	free(text);

	/* Panel B: the code. */
	pdf_text(pdf, PDF_REGULAR, 9, bx, y + PDF_MM(14), PANEL_B, PDF_CENTER,
		 "Din aktiveringskod");
	pdf_text(pdf, PDF_BOLD, 17, bx, y + PDF_MM(22), PANEL_B, PDF_CENTER, label);
	pdf_layout_text(pdf, PDF_REGULAR,
			"Visa den inte för någon. Ingen från kommunen frågar"
			" efter den.",
			8.5, 10.8, PANEL_B - PDF_MM(8), &l);
	pdf_layout_draw(pdf, &l, 0, l.n_lines, bx + PDF_MM(4), y + PDF_MM(34), PDF_CENTER,
			PANEL_B - PDF_MM(8));

	/* Panel C: the cover, folded over the code along the dashed line. */
	pdf_line(pdf, cx, y, cx, y + SLIP_H, 0.8, 4);
	pdf_text(pdf, PDF_REGULAR, 7.5, bx, y + SLIP_H - PDF_MM(5), PANEL_B - PDF_MM(2), PDF_RIGHT,
		 "vik här →");
	hatch(pdf, cx + PDF_MM(2), y + PDF_MM(2), cw - PDF_MM(4), SLIP_H - PDF_MM(4));
	pdf_fill_rect(pdf, cx + PDF_MM(6), y + SLIP_H / 2 - PDF_MM(7), cw - PDF_MM(12), PDF_MM(14),
		      1);
	pdf_layout_text(pdf, PDF_BOLD, "Vik den här delen över koden längs den streckade linjen.",
			8.5, 10.5, cw - PDF_MM(16), &l);
	pdf_layout_draw(pdf, &l, 0, l.n_lines, cx + PDF_MM(8),
			y + SLIP_H / 2 - pdf_layout_height(&l, 0, l.n_lines) / 2, PDF_CENTER,
			cw - PDF_MM(16));
	pdf_layout_release(&l);
	free(unit);
	free(label);
}

static void slips_render(struct pdf *pdf, const struct card *cards, size_t n, const char *org,
			 size_t *count)
{
	size_t k = 0;

	*count = 0;
	for (size_t i = 0; i < n; i++) {
		double y;

		if (cards[i].issued.activation == NULL)
			continue;
		if (k % SLIPS_PER_PAGE == 0) {
			pdf_page_add(pdf);
			pdf_text(pdf, PDF_BOLD, 10, SLIP_X, PDF_MM(12), 0, PDF_LEFT, org);
			pdf_text(pdf, PDF_REGULAR, 10, SLIP_X, PDF_MM(12), SLIP_W, PDF_RIGHT,
				 "Aktiveringskoder – hemliga");
			pdf_text(pdf, PDF_REGULAR, 9, SLIP_X, PDF_MM(18), SLIP_W, PDF_LEFT,
				 "Klipp ut lapparna, vik den randiga delen över koden och lämna"
				 " varje lapp till rätt person, skild från kortet.");
		}
		y = SLIP_Y0 + (double)(k % SLIPS_PER_PAGE) * (SLIP_H + SLIP_GAP);
		slip_draw(pdf, &cards[i], org, SLIP_X, y);
		k++;
	}
	*count = k;
}

/* --- choosing people ---------------------------------------------------------- */

static int select_people(struct store *store, const struct badgecard_selection *sel,
			 struct card **out, size_t *n, char **cause)
{
	struct person *people = NULL;
	size_t np = 0;

	*out = NULL;
	*n = 0;
	if (sel->n_employees) {
		*out = xcalloc(sel->n_employees, sizeof(**out));
		for (size_t i = 0; i < sel->n_employees; i++) {
			struct person p;
			bool dup = false;
			int found = person_find(store, sel->employees[i], &p, cause);

			if (found < 0)
				return -1;
			if (found == 0) {
				*cause = xasprintf("no person with employee number '%s'",
						   sel->employees[i]);
				return -1;
			}
			if (!p.active) {
				*cause = xasprintf("employee %s is not active; no card printed",
						   p.employee_no);
				person_release(&p);
				return -1;
			}
			for (size_t j = 0; j < *n && !dup; j++)
				dup = (*out)[j].person.id == p.id;
			if (dup) {
				person_release(&p);
				continue;
			}
			(*out)[(*n)++].person = p;
		}
		return 0;
	}
	{
		struct person_filter filter = {sel->all ? NULL : sel->unit_path, false};

		if (person_list(store, &filter, &people, &np, cause) < 0)
			return -1;
	}
	if (np == 0) {
		*cause = sel->all ? xstrdup("there are no active people")
				  : xasprintf("unit '%s' has no active people", sel->unit_path);
		person_list_free(&people, np);
		return -1;
	}
	*out = xcalloc(np, sizeof(**out));
	for (size_t i = 0; i < np; i++) {
		(*out)[i].person = people[i];
		memset(&people[i], 0, sizeof(people[i]));
	}
	*n = np;
	person_list_free(&people, np);
	return 0;
}

/* The refusal when activation codes are needed and no slips file was given;
 * newly allocated. */
static char *need_slips(size_t no_pin)
{
	return xasprintf("%zu of these people have no PIN yet and need an activation code;"
			 " give --slips FILE to print the codes on separate slips"
			 " (nothing was printed or revoked)",
			 no_pin);
}

int badgecard_print(struct store *store, const struct badgecard_selection *sel, const char *path,
		    const char *slips_path, struct badgecard_result *res, char **cause)
{
	struct card *cards = NULL;
	struct pdf *pdf = NULL, *slips = NULL;
	struct pdf_meta meta;
	struct outfile_policy policy;
	char *org = doc_organisation(store), *today = store_now();
	size_t n = 0, no_pin = 0;
	bool wrote = false, wrote_slips = false, began = false;
	int rc = -1;

	memset(res, 0, sizeof(*res));
	/* Both files checked before any card is revoked. */
	if (doc_output_prepare(store, path, &policy, cause) < 0 ||
	    (slips_path && outfile_check(slips_path, cause) < 0))
		goto cleanup;
	if (select_people(store, sel, &cards, &n, cause) < 0)
		goto cleanup;
	/* The codes and their hashes (keyed BLAKE2b) are made before the write
	 * transaction, so kiosks logging people in wait for the write lock only
	 * as long as the rows take to store. */
	for (size_t i = 0; i < n; i++)
		if (login_badge_prepare(store, cards[i].person.id, &cards[i].prep, cause) < 0)
			goto cleanup;
	for (size_t i = 0; i < n; i++)
		no_pin += cards[i].prep.activation != NULL;
	/* Refused before anything is written when codes are known to be needed. */
	if (no_pin && slips_path == NULL) {
		*cause = need_slips(no_pin);
		goto cleanup;
	}
	no_pin = 0;
	if (store_begin(store, cause) < 0)
		goto cleanup;
	began = true;
	for (size_t i = 0; i < n; i++) {
		if (login_issue_prepared(store, &cards[i].prep, &cards[i].issued, cause) < 0)
			goto cleanup;
		/* One entry per person; never the code. */
		if (audit_record(store, 0, AUDIT_PRINT_BADGES, cards[i].person.id,
				 cards[i].issued.activation ? "card, activation slip" : "card",
				 cause) < 0)
			goto cleanup;
		no_pin += cards[i].issued.activation != NULL;
	}
	if (no_pin && slips_path == NULL) {
		*cause = need_slips(no_pin);
		goto cleanup;
	}
	meta.title = "Inloggningskort";
	meta.author = org;
	meta.subject = "Inloggningskort till utbildningskiosken";
	meta.created = store_time();
	if (pdf_new(&meta, &pdf, cause) < 0)
		goto cleanup;
	/* Cards are printed by the thousand and thrown away: their pages go
	 * uncompressed (fonts stay compressed), which saves an eighth of the
	 * CPU time for a file about five times larger (1,000 cards: 3.8 MB
	 * instead of 0.8 MB, still nothing for a printer). */
	pdf_compress_pages(pdf, false);
	if (cards_render(pdf, cards, n, org, today, cause) < 0)
		goto cleanup;
	if (slips_path && no_pin) {
		meta.title = "Aktiveringskoder";
		meta.subject = "Personliga aktiveringskoder";
		if (pdf_new(&meta, &slips, cause) < 0)
			goto cleanup;
		slips_render(slips, cards, n, org, &res->slips);
	}
	if (pdf_write_policy(pdf, path, &policy, cause) < 0)
		goto cleanup;
	wrote = true;
	if (slips && pdf_write_policy(slips, slips_path, &policy, cause) < 0)
		goto cleanup;
	wrote_slips = slips != NULL;
	if (store_commit(store, cause) < 0)
		goto cleanup;
	res->cards = n;
	res->sheets = pdf_page_count(pdf);
	rc = 0;
cleanup:
	if (rc < 0) {
		/* Nothing revoked: the cards printed would not work, so remove them. */
		if (began)
			store_rollback(store);
		if (wrote)
			unlink(path);
		if (wrote_slips)
			unlink(slips_path);
		memset(res, 0, sizeof(*res));
	}
	pdf_free(&pdf);
	pdf_free(&slips);
	cards_free(cards, n);
	free(org);
	free(today);
	return rc;
}
