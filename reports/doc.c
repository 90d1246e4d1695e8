/* Shared pieces of every printout; see doc.h. */
#include "reports/doc.h"

#include <ctype.h>

#include "core/collate.h"
#include "core/setting.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"

void doc_fill_init(struct doc_fill *fill, struct store *store)
{
	memset(fill, 0, sizeof(*fill));
	fill->store = store;
}

const char *doc_fill_lookup(const char *key, void *ctx)
{
	struct doc_fill *fill = ctx;
	char *cause = NULL, *value;

	for (size_t i = 0; i < fill->n; i++)
		if (strcmp(fill->keys[i], key) == 0)
			return fill->values[i];
	value = setting_get(fill->store, key, &cause);
	free(cause);
	fill->keys = xreallocarray(fill->keys, fill->n + 1, sizeof(char *));
	fill->values = xreallocarray(fill->values, fill->n + 1, sizeof(char *));
	fill->keys[fill->n] = xstrdup(key);
	fill->values[fill->n] = value;
	fill->n++;
	if (value == NULL) {
		char *m = fill->missing ? xasprintf("%s, %s", fill->missing, key) : xstrdup(key);

		free(fill->missing);
		fill->missing = m;
	}
	return value;
}

void doc_fill_release(struct doc_fill *fill)
{
	for (size_t i = 0; i < fill->n; i++) {
		free(fill->keys[i]);
		free(fill->values[i]);
	}
	free(fill->keys);
	free(fill->values);
	free(fill->missing);
	memset(fill, 0, sizeof(*fill));
}

static const char *const months_sv[] = {
    "januari", "februari", "mars",      "april",   "maj",      "juni",
    "juli",    "augusti",  "september", "oktober", "november", "december",
};

static bool read_date(const char *iso, int *y, int *m, int *d)
{
	if (iso == NULL || strlen(iso) < 10)
		return false;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (iso[i] != '-')
				return false;
		} else if (!isdigit((unsigned char)iso[i])) {
			return false;
		}
	}
	*y = (iso[0] - '0') * 1000 + (iso[1] - '0') * 100 + (iso[2] - '0') * 10 + (iso[3] - '0');
	*m = (iso[5] - '0') * 10 + (iso[6] - '0');
	*d = (iso[8] - '0') * 10 + (iso[9] - '0');
	return *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

char *doc_date_sv(const char *iso, char *buf, size_t size)
{
	int y, m, d;

	if (read_date(iso, &y, &m, &d))
		snprintf(buf, size, "%d %s %d", d, months_sv[m - 1], y);
	else
		snprintf(buf, size, "%s", iso ? iso : "");
	return buf;
}

char *doc_date_iso(const char *iso, char *buf, size_t size)
{
	snprintf(buf, size, "%.10s", iso ? iso : "");
	return buf;
}

char *doc_slug(const char *text)
{
	char *folded = collate_fold(text ? text : "");
	struct strbuf sb = STRBUF_INIT;

	for (const unsigned char *p = (const unsigned char *)folded; *p; p++) {
		char c = 0;

		if (isalnum(*p) && *p < 0x80) {
			c = (char)tolower(*p);
		} else if (p[0] == 0xC3 && p[1]) {
			/* å ä æ à á â -> a, ö ø ò ó ô -> o, é è ê ë -> e, ü ú -> u */
			unsigned char n = p[1] | 0x20;

			c = (n >= 0xA0 && n <= 0xA6)   ? 'a'
			    : (n >= 0xB2 && n <= 0xB8) ? 'o'
			    : (n >= 0xA8 && n <= 0xAB) ? 'e'
			    : (n >= 0xB9 && n <= 0xBC) ? 'u'
						       : 0;
			p++;
		} else if (*p >= 0x80) {
			continue;
		}
		if (c) {
			strbuf_addch(&sb, c);
		} else if (sb.len && sb.buf[sb.len - 1] != '-') {
			strbuf_addch(&sb, '-');
		}
	}
	while (sb.len && sb.buf[sb.len - 1] == '-')
		strbuf_setlen(&sb, sb.len - 1);
	if (sb.len == 0)
		strbuf_addch(&sb, 'x');
	free(folded);
	return strbuf_detach(&sb);
}

void doc_head(struct pdf *pdf, const char *left, const char *right)
{
	pdf_text(pdf, PDF_BOLD, 10, DOC_MARGIN, DOC_TOP, 0, PDF_LEFT, left ? left : "");
	if (right)
		pdf_text(pdf, PDF_REGULAR, 10, DOC_MARGIN, DOC_TOP, DOC_WIDTH, PDF_RIGHT, right);
	pdf_line(pdf, DOC_MARGIN, DOC_TOP + 16, DOC_MARGIN + DOC_WIDTH, DOC_TOP + 16, 0.6, 0);
}

void doc_foot(struct pdf *pdf, const char *left, const char *right)
{
	double y = DOC_BOTTOM - 10;

	pdf_line(pdf, DOC_MARGIN, y - 6, DOC_MARGIN + DOC_WIDTH, y - 6, 0.4, 0);
	if (left)
		pdf_text(pdf, PDF_REGULAR, 9, DOC_MARGIN, y, 0, PDF_LEFT, left);
	if (right)
		pdf_text(pdf, PDF_REGULAR, 9, DOC_MARGIN, y, DOC_WIDTH, PDF_RIGHT, right);
}

/* Lays out the label of a QR code; returns its height. */
static double label_layout(struct pdf *pdf, double width, double size, const char *heading,
			   const char *shown, const char *note, struct pdf_layout l[3])
{
	double h = 0;

	memset(l, 0, 3 * sizeof(*l));
	if (heading)
		pdf_layout_text(pdf, PDF_BOLD, heading, size, size * 1.3, width, &l[0]);
	if (shown)
		pdf_layout_text(pdf, PDF_BOLD, shown, size * 1.05, size * 1.4, width, &l[1]);
	if (note)
		pdf_layout_text(pdf, PDF_REGULAR, note, size * 0.92, size * 1.25, width, &l[2]);
	for (int i = 0; i < 3; i++)
		if (l[i].n_lines)
			h += pdf_layout_height(&l[i], 0, l[i].n_lines) + (h > 0 ? size * 0.3 : 0);
	return h;
}

int doc_qr_labelled_height(struct pdf *pdf, const char *data, double min_mm, double label_width,
			   double size, const char *heading, const char *shown, const char *note,
			   double *height, char **cause)
{
	struct pdf_layout l[3];
	double side, h;

	if (pdf_qr_side(data, min_mm, &side, cause) < 0)
		return -1;
	h = label_layout(pdf, label_width, size, heading, shown, note, l);
	for (int i = 0; i < 3; i++)
		pdf_layout_release(&l[i]);
	*height = side > h ? side : h;
	return 0;
}

int doc_qr_labelled(struct pdf *pdf, const char *data, double min_mm, double x, double y,
		    double label_width, double size, const char *heading, const char *shown,
		    const char *note, double *height, char **cause)
{
	struct pdf_layout l[3];
	struct pdf_qr qr = PDF_QR_INIT;
	double side, h, ty, lx;

	if (pdf_qr_make(data, min_mm, &qr, cause) < 0)
		return -1;
	side = qr.side;
	h = label_layout(pdf, label_width, size, heading, shown, note, l);
	pdf_qr_draw(pdf, &qr, x, y);
	/* The label starts level with the symbol, inside the quiet zone's height. */
	lx = x + side + PDF_MM(1);
	ty = y + (side > h ? (side - h) / 2 : 0);
	for (int i = 0; i < 3; i++) {
		if (l[i].n_lines == 0)
			continue;
		pdf_layout_draw(pdf, &l[i], 0, l[i].n_lines, lx, ty, PDF_LEFT, label_width);
		ty += pdf_layout_height(&l[i], 0, l[i].n_lines) + size * 0.3;
	}
	*height = side > h ? side : h;
	for (int i = 0; i < 3; i++)
		pdf_layout_release(&l[i]);
	pdf_qr_release(&qr);
	return 0;
}

char *doc_organisation(struct store *store)
{
	char *cause = NULL;
	char *org = setting_get(store, "organisation", &cause);

	free(cause);
	return org ? org : xstrdup("Kommunen");
}

int doc_output_prepare(struct store *store, const char *path, struct outfile_policy *policy,
		       char **cause)
{
	struct outfile_policy def = OUTFILE_POLICY_DEFAULT;

	*policy = def;
	if (outfile_check(path, cause) < 0)
		return -1;
	return outfile_policy_load(store, policy, cause);
}
