/*
 * The document layer over libharu; see pdf.h for the coordinate system and
 * the error rule. Line breaking is done here rather than with
 * HPDF_Page_TextRect, because TextRect cannot tell how tall a text will be
 * before drawing it, cannot mix regular and bold words on one line, and
 * cannot break a word longer than a line: a printout must never be clipped.
 */
#include "reports/pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <hpdf.h>
#include <qrencode.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"

#define FONT_DIR_DEFAULT "/usr/share/fonts/truetype/dejavu"

/* DejaVu Sans metrics in 1/1000 em, for placing baselines. */
#define FONT_ASCENT 0.928
#define FONT_HEIGHT 1.164

struct pdf_error {
	HPDF_STATUS code, detail; /* of the first error */
	int count;
};

struct pdf {
	HPDF_Doc doc;
	struct pdf_error err;
	HPDF_Font fonts[PDF_FONT_COUNT];
	HPDF_Page *pages; /* owned array; the pages belong to doc */
	size_t n_pages, alloc_pages;
	HPDF_Page page; /* the current page, or NULL before the first or while muted */
	HPDF_Page muted_page; /* the current page while muted, else NULL */
};

static void on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *user_data)
{
	struct pdf_error *e = user_data;

	if (e->count++ == 0) {
		e->code = code;
		e->detail = detail;
	}
}

bool pdf_failed(const struct pdf *pdf, char **cause)
{
	if (pdf->err.count == 0)
		return false;
	if (cause)
		*cause = xasprintf("PDF library error 0x%04X (detail %u)", (unsigned)pdf->err.code,
				   (unsigned)pdf->err.detail);
	return true;
}

static const char *font_dir(void)
{
	const char *dir = getenv("VAKSAM_FONT_DIR");

	return dir && *dir ? dir : FONT_DIR_DEFAULT;
}

static int font_load(struct pdf *pdf, enum pdf_font which, const char *file, char **cause)
{
	char *path = xasprintf("%s/%s", font_dir(), file);
	const char *name;
	int rc = -1;

	if (access(path, R_OK) != 0) {
		*cause = xasprintf("font %s: %s (install fonts-dejavu-core or set VAKSAM_FONT_DIR)",
				   path, strerror(errno));
		goto cleanup;
	}
	name = HPDF_LoadTTFontFromFile(pdf->doc, path, HPDF_TRUE);
	pdf->fonts[which] = name ? HPDF_GetFont(pdf->doc, name, "UTF-8") : NULL;
	if (pdf->fonts[which] == NULL) {
		*cause = xasprintf("font %s could not be loaded", path);
		goto cleanup;
	}
	rc = 0;
cleanup:
	free(path);
	return rc;
}

static void set_date(struct pdf *pdf, long long when)
{
	time_t t = (time_t)when;
	struct tm tm;
	HPDF_Date d;

	if (gmtime_r(&t, &tm) == NULL)
		return;
	memset(&d, 0, sizeof(d));
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	d.hour = tm.tm_hour;
	d.minutes = tm.tm_min;
	d.seconds = tm.tm_sec;
	d.ind = 'Z';
	HPDF_SetInfoDateAttr(pdf->doc, HPDF_INFO_CREATION_DATE, d);
}

int pdf_new(const struct pdf_meta *meta, struct pdf **out, char **cause)
{
	struct pdf *pdf = xcalloc(1, sizeof(*pdf));

	*out = NULL;
	pdf->doc = HPDF_New(on_hpdf_error, &pdf->err);
	if (pdf->doc == NULL) {
		*cause = xstrdup("the PDF library could not start");
		free(pdf);
		return -1;
	}
	HPDF_SetCompressionMode(pdf->doc, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf->doc);
	/* Without it the document information would be mojibake. */
	HPDF_SetCurrentEncoder(pdf->doc, "UTF-8");
	if (font_load(pdf, PDF_REGULAR, "DejaVuSans.ttf", cause) < 0 ||
	    font_load(pdf, PDF_BOLD, "DejaVuSans-Bold.ttf", cause) < 0) {
		pdf_free(&pdf);
		return -1;
	}
	HPDF_SetInfoAttr(pdf->doc, HPDF_INFO_TITLE, meta->title);
	if (meta->author)
		HPDF_SetInfoAttr(pdf->doc, HPDF_INFO_AUTHOR, meta->author);
	if (meta->subject)
		HPDF_SetInfoAttr(pdf->doc, HPDF_INFO_SUBJECT, meta->subject);
	HPDF_SetInfoAttr(pdf->doc, HPDF_INFO_CREATOR, "vaksam " VAKSAM_VERSION);
	set_date(pdf, meta->created);
	if (pdf_failed(pdf, cause)) {
		pdf_free(&pdf);
		return -1;
	}
	*out = pdf;
	return 0;
}

void pdf_free(struct pdf **pdf)
{
	if (pdf == NULL || *pdf == NULL)
		return;
	if ((*pdf)->doc)
		HPDF_Free((*pdf)->doc);
	free((*pdf)->pages);
	free(*pdf);
	*pdf = NULL;
}

size_t pdf_page_add(struct pdf *pdf)
{
	HPDF_Page page = HPDF_AddPage(pdf->doc);

	if (page) {
		HPDF_Page_SetWidth(page, (HPDF_REAL)PDF_A4_WIDTH);
		HPDF_Page_SetHeight(page, (HPDF_REAL)PDF_A4_HEIGHT);
	}
	if (pdf->n_pages == pdf->alloc_pages) {
		pdf->alloc_pages = pdf->alloc_pages ? 2 * pdf->alloc_pages : 16;
		pdf->pages = xreallocarray(pdf->pages, pdf->alloc_pages, sizeof(*pdf->pages));
	}
	pdf->pages[pdf->n_pages++] = page;
	pdf->page = page;
	pdf->muted_page = NULL;
	return pdf->n_pages - 1;
}

void pdf_page_select(struct pdf *pdf, size_t index)
{
	if (index < pdf->n_pages)
		pdf->page = pdf->pages[index];
}

size_t pdf_page_count(const struct pdf *pdf)
{
	return pdf->n_pages;
}

void pdf_mute(struct pdf *pdf, bool muted)
{
	/* Every drawing call does nothing without a current page. */
	if (muted && pdf->page) {
		pdf->muted_page = pdf->page;
		pdf->page = NULL;
	} else if (!muted && pdf->muted_page) {
		pdf->page = pdf->muted_page;
		pdf->muted_page = NULL;
	}
}

/* --- writing ------------------------------------------------------------- */

/* Splits path into its folder ("." when none) and base name; both new. */
static void split_path(const char *path, char **dir, char **base)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL) {
		*dir = xstrdup(".");
		*base = xstrdup(path);
	} else if (slash == path) {
		*dir = xstrdup("/");
		*base = xstrdup(slash + 1);
	} else {
		*dir = xstrndup(path, (size_t)(slash - path));
		*base = xstrdup(slash + 1);
	}
}

static int write_all(int fd, const unsigned char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Checks that path may be written: not a symlink, not a folder or device,
 * and its folder exists. */
static int check_target(const char *path, const char *dir, char **cause)
{
	struct stat st;

	if (*path == '\0') {
		*cause = xstrdup("the output file name is empty");
		return -1;
	}
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			*cause = xasprintf("%s: is a symbolic link; refusing to write through it", path);
			return -1;
		}
		if (!S_ISREG(st.st_mode)) {
			*cause = xasprintf("%s: exists and is not a regular file", path);
			return -1;
		}
	} else if (errno != ENOENT) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		return -1;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		*cause = xasprintf("%s: the folder %s does not exist", path, dir);
		return -1;
	}
	return 0;
}

static int save_bytes(struct pdf *pdf, unsigned char **data, size_t *len, char **cause)
{
	HPDF_UINT32 size, got;

	*data = NULL;
	*len = 0;
	if (HPDF_SaveToStream(pdf->doc) != HPDF_OK || pdf_failed(pdf, cause)) {
		if (*cause == NULL)
			pdf_failed(pdf, cause);
		if (*cause == NULL)
			*cause = xstrdup("the PDF could not be made");
		return -1;
	}
	size = HPDF_GetStreamSize(pdf->doc);
	*data = xmalloc(size ? size : 1);
	got = size;
	if (HPDF_ReadFromStream(pdf->doc, *data, &got) != HPDF_OK && got != size) {
		*cause = xstrdup("the PDF could not be read back from memory");
		free(*data);
		*data = NULL;
		return -1;
	}
	*len = got;
	return 0;
}

int pdf_write(struct pdf *pdf, const char *path, char **cause)
{
	char *dir = NULL, *base = NULL, *tmp = NULL;
	unsigned char *data = NULL;
	size_t len = 0;
	int fd = -1, rc = -1;

	*cause = NULL;
	split_path(path, &dir, &base);
	if (check_target(path, dir, cause) < 0)
		goto cleanup;
	if (pdf_failed(pdf, cause) || save_bytes(pdf, &data, &len, cause) < 0)
		goto cleanup;
	tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
	fd = mkstemp(tmp); /* mode 0600 whatever the umask */
	if (fd < 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		free(tmp);
		tmp = NULL;
		goto cleanup;
	}
	if (fchmod(fd, 0600) != 0 || write_all(fd, data, len) < 0 || fsync(fd) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto cleanup;
	}
	if (close(fd) != 0) {
		fd = -1;
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto cleanup;
	}
	fd = -1;
	/* rename() replaces a symlink made since the check, never follows it. */
	if (rename(tmp, path) != 0) {
		*cause = xasprintf("%s: %s", path, strerror(errno));
		goto cleanup;
	}
	free(tmp);
	tmp = NULL;
	rc = 0;
cleanup:
	if (fd >= 0)
		close(fd);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	free(data);
	free(dir);
	free(base);
	return rc;
}

/* --- text ---------------------------------------------------------------- */

/*
 * Appends len bytes of text to sb, cleaned for print: invalid UTF-8 becomes
 * U+FFFD, controls and direction overrides are dropped, a tab becomes a
 * space; '\n' is kept when keep_newline.
 */
static void clean_append(struct strbuf *sb, const char *text, size_t len, bool keep_newline)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		uint32_t cp;
		bool ok = n > 0 && i + n <= len;

		for (size_t k = 1; ok && k < n; k++)
			ok = (s[i + k] & 0xC0) == 0x80;
		if (!ok) {
			strbuf_addstr(sb, "\xEF\xBF\xBD");
			i++;
			continue;
		}
		cp = n == 1 ? c : n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
		for (size_t k = 1; k < n; k++)
			cp = (cp << 6) | (s[i + k] & 0x3F);
		if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
			strbuf_addstr(sb, "\xEF\xBF\xBD");
			i += n;
			continue;
		}
		if (cp == '\n' && keep_newline)
			strbuf_addch(sb, '\n');
		else if (cp == '\t' || cp == '\n')
			strbuf_addch(sb, ' ');
		else if (sanitize_is_dangerous_cp(cp))
			; /* dropped */
		else
			strbuf_add(sb, s + i, n);
		i += n;
	}
}

double pdf_text_width(struct pdf *pdf, enum pdf_font font, double size, const char *text,
		      size_t len)
{
	HPDF_TextWidth tw;

	if (len == 0)
		return 0;
	tw = HPDF_Font_TextWidth(pdf->fonts[font], (const HPDF_BYTE *)text, (HPDF_UINT)len);
	return (double)tw.width * size / 1000.0;
}

/* Layout state while breaking text into lines. */
struct breaker {
	struct pdf *pdf;
	struct pdf_layout *out;
	double width;
	double x;          /* where the next text goes on the current line */
	bool line_open;    /* the current line has been started */
	bool line_has_text;
	bool pending_space;
	enum pdf_font space_font;
	/* the word being collected: pieces of text in their fonts */
	struct strbuf word[PDF_FONT_COUNT * 8];
	enum pdf_font word_font[PDF_FONT_COUNT * 8];
	size_t n_word;
};

static struct pdf_line *cur_line(struct breaker *b)
{
	struct pdf_layout *o = b->out;

	if (!b->line_open) {
		if (o->n_lines == o->alloc_lines) {
			o->alloc_lines = o->alloc_lines ? 2 * o->alloc_lines : 16;
			o->lines = xreallocarray(o->lines, o->alloc_lines, sizeof(*o->lines));
		}
		o->lines[o->n_lines].first = o->n_frags;
		o->lines[o->n_lines].n = 0;
		o->lines[o->n_lines].width = 0;
		o->n_lines++;
		b->line_open = true;
		b->line_has_text = false;
		b->x = 0;
	}
	return &o->lines[o->n_lines - 1];
}

static void end_line(struct breaker *b)
{
	if (b->line_open)
		b->out->lines[b->out->n_lines - 1].width = b->x;
	b->line_open = false;
	b->line_has_text = false;
	b->pending_space = false;
	b->x = 0;
}

/* Puts len bytes of one font at the current x, joining the line's last
 * fragment when it has the same font and nothing stands between. */
static void place(struct breaker *b, enum pdf_font font, const char *text, size_t len,
		  double gap, bool gap_is_space)
{
	struct pdf_layout *o = b->out;
	struct pdf_line *line = cur_line(b);
	struct pdf_frag *last = line->n ? &o->frags[line->first + line->n - 1] : NULL;
	double w = pdf_text_width(b->pdf, font, o->size, text, len);

	if (last && last->font == font && (gap == 0 || gap_is_space)) {
		size_t old = strlen(last->text);
		size_t extra = gap > 0 ? 1 : 0;

		last->text = xreallocarray(last->text, old + extra + len + 1, 1);
		if (extra)
			last->text[old] = ' ';
		memcpy(last->text + old + extra, text, len);
		last->text[old + extra + len] = '\0';
	} else {
		struct pdf_frag *f;

		if (o->n_frags == o->alloc_frags) {
			o->alloc_frags = o->alloc_frags ? 2 * o->alloc_frags : 32;
			o->frags = xreallocarray(o->frags, o->alloc_frags, sizeof(*o->frags));
		}
		f = &o->frags[o->n_frags++];
		f->text = xstrndup(text, len);
		f->font = font;
		f->x = b->x + gap;
		line->n++;
	}
	b->x += gap + w;
	b->line_has_text = true;
}

static size_t utf8_len(unsigned char c)
{
	return c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
}

/* Places a word too wide for any line, breaking it between characters. */
static void place_split(struct breaker *b)
{
	for (size_t p = 0; p < b->n_word; p++) {
		const char *s = b->word[p].buf;
		size_t len = b->word[p].len, i = 0;
		enum pdf_font font = b->word_font[p];

		while (i < len) {
			size_t start = i, soft = 0;
			double w = 0;

			cur_line(b);
			while (i < len) {
				size_t n = utf8_len((unsigned char)s[i]);
				double cw;

				if (i + n > len)
					n = len - i;
				cw = pdf_text_width(b->pdf, font, b->out->size, s + i, n);
				if (b->x + w + cw > b->width && (b->line_has_text || i > start)) {
					/* Rather after a '/', '-' or '.' of a URL. */
					if (soft > start)
						i = soft;
					break;
				}
				w += cw;
				i += n;
				if (n == 1 && strchr("/-.?&=_", s[i - 1]) && i < len)
					soft = i;
			}
			if (i > start)
				place(b, font, s + start, i - start, 0, false);
			if (i < len)
				end_line(b);
		}
	}
}

static void flush_word(struct breaker *b)
{
	double w = 0, gap = 0;
	bool space_merges;

	if (b->n_word == 0)
		return;
	for (size_t p = 0; p < b->n_word; p++)
		w += pdf_text_width(b->pdf, b->word_font[p], b->out->size, b->word[p].buf,
				    b->word[p].len);
	cur_line(b);
	if (b->line_has_text && b->pending_space)
		gap = pdf_text_width(b->pdf, b->space_font, b->out->size, " ", 1);
	if (b->line_has_text && b->x + gap + w > b->width) {
		end_line(b);
		cur_line(b);
		gap = 0;
	}
	if (w > b->width) {
		place_split(b);
	} else {
		space_merges = gap > 0 && b->space_font == b->word_font[0];
		for (size_t p = 0; p < b->n_word; p++) {
			place(b, b->word_font[p], b->word[p].buf, b->word[p].len, p == 0 ? gap : 0,
			      p == 0 ? space_merges : false);
		}
	}
	for (size_t p = 0; p < b->n_word; p++)
		strbuf_reset(&b->word[p]);
	b->n_word = 0;
	b->pending_space = false;
}

static void word_add(struct breaker *b, enum pdf_font font, const char *text, size_t len)
{
	if (len == 0)
		return;
	if (b->n_word > 0 && b->word_font[b->n_word - 1] == font) {
		strbuf_add(&b->word[b->n_word - 1], text, len);
		return;
	}
	if (b->n_word == sizeof(b->word) / sizeof(b->word[0])) {
		/* A word of very many font changes: place what we have. */
		flush_word(b);
	}
	b->word_font[b->n_word] = font;
	strbuf_add(&b->word[b->n_word], text, len);
	b->n_word++;
}

void pdf_layout_spans(struct pdf *pdf, const struct pdf_span *spans, size_t n, double size,
		      double leading, double width, struct pdf_layout *out)
{
	struct breaker b;
	struct strbuf clean = STRBUF_INIT;

	pdf_layout_release(out);
	out->size = size;
	out->leading = leading;
	memset(&b, 0, sizeof(b));
	b.pdf = pdf;
	b.out = out;
	b.width = width;
	for (size_t i = 0; i < sizeof(b.word) / sizeof(b.word[0]); i++)
		strbuf_init(&b.word[i]);
	for (size_t s = 0; s < n; s++) {
		const char *p, *end;

		strbuf_reset(&clean);
		clean_append(&clean, spans[s].text, spans[s].len, true);
		p = clean.buf;
		end = clean.buf + clean.len;
		while (p < end) {
			const char *q = p;

			while (q < end && *q != ' ' && *q != '\n')
				q++;
			word_add(&b, spans[s].font, p, (size_t)(q - p));
			if (q == end)
				break;
			flush_word(&b);
			if (*q == ' ') {
				if (b.line_has_text) {
					b.pending_space = true;
					b.space_font = spans[s].font;
				}
			} else {
				cur_line(&b);
				end_line(&b);
			}
			p = q + 1;
		}
	}
	flush_word(&b);
	if (b.line_open)
		end_line(&b);
	for (size_t i = 0; i < sizeof(b.word) / sizeof(b.word[0]); i++)
		strbuf_release(&b.word[i]);
	strbuf_release(&clean);
}

void pdf_layout_text(struct pdf *pdf, enum pdf_font font, const char *text, double size,
		     double leading, double width, struct pdf_layout *out)
{
	struct pdf_span span = { text, strlen(text), font };

	pdf_layout_spans(pdf, &span, 1, size, leading, width, out);
}

double pdf_layout_height(const struct pdf_layout *layout, size_t from, size_t to)
{
	if (to > layout->n_lines)
		to = layout->n_lines;
	return to > from ? (double)(to - from) * layout->leading : 0;
}

static double baseline(double top, double leading, double size)
{
	return top + (leading - FONT_HEIGHT * size) / 2 + FONT_ASCENT * size;
}

static void show(struct pdf *pdf, enum pdf_font font, double size, double x, double base,
		 const char *text)
{
	HPDF_Page_BeginText(pdf->page);
	HPDF_Page_SetFontAndSize(pdf->page, pdf->fonts[font], (HPDF_REAL)size);
	HPDF_Page_TextOut(pdf->page, (HPDF_REAL)x, (HPDF_REAL)(PDF_A4_HEIGHT - base), text);
	HPDF_Page_EndText(pdf->page);
}

void pdf_layout_draw(struct pdf *pdf, const struct pdf_layout *layout, size_t from, size_t to,
		     double x, double top, enum pdf_align align, double width)
{
	if (pdf->page == NULL)
		return;
	if (to > layout->n_lines)
		to = layout->n_lines;
	HPDF_Page_SetGrayFill(pdf->page, 0);
	for (size_t i = from; i < to; i++) {
		const struct pdf_line *line = &layout->lines[i];
		double base = baseline(top + (double)(i - from) * layout->leading, layout->leading,
				       layout->size);
		double shift = 0;

		if (align == PDF_CENTER)
			shift = (width - line->width) / 2;
		else if (align == PDF_RIGHT)
			shift = width - line->width;
		for (size_t f = 0; f < line->n; f++) {
			const struct pdf_frag *fr = &layout->frags[line->first + f];

			show(pdf, fr->font, layout->size, x + shift + fr->x, base, fr->text);
		}
	}
}

void pdf_layout_release(struct pdf_layout *layout)
{
	for (size_t i = 0; i < layout->n_frags; i++)
		free(layout->frags[i].text);
	free(layout->frags);
	free(layout->lines);
	memset(layout, 0, sizeof(*layout));
}

void pdf_text(struct pdf *pdf, enum pdf_font font, double size, double x, double top,
	      double width, enum pdf_align align, const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	double w, shift = 0;

	if (pdf->page == NULL)
		return;
	clean_append(&sb, text, strlen(text), false);
	w = pdf_text_width(pdf, font, size, sb.buf, sb.len);
	if (align == PDF_CENTER)
		shift = (width - w) / 2;
	else if (align == PDF_RIGHT)
		shift = width - w;
	HPDF_Page_SetGrayFill(pdf->page, 0);
	show(pdf, font, size, x + shift, top + FONT_ASCENT * size, sb.buf);
	strbuf_release(&sb);
}

void pdf_text_upside_down(struct pdf *pdf, enum pdf_font font, double size, double x, double top,
			  double width, const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	double w, start, base;

	if (pdf->page == NULL)
		return;
	clean_append(&sb, text, strlen(text), false);
	w = pdf_text_width(pdf, font, size, sb.buf, sb.len);
	/* Turned half a circle, text runs right to left from its origin and its
	 * glyphs hang below the baseline on the page as seen from the top. */
	start = x + (width + w) / 2;
	base = top + (FONT_HEIGHT - FONT_ASCENT) * size;
	HPDF_Page_SetGrayFill(pdf->page, 0);
	HPDF_Page_BeginText(pdf->page);
	HPDF_Page_SetFontAndSize(pdf->page, pdf->fonts[font], (HPDF_REAL)size);
	HPDF_Page_SetTextMatrix(pdf->page, -1, 0, 0, -1, (HPDF_REAL)start,
				(HPDF_REAL)(PDF_A4_HEIGHT - base));
	HPDF_Page_ShowText(pdf->page, sb.buf);
	HPDF_Page_EndText(pdf->page);
	strbuf_release(&sb);
}

/* --- graphics ------------------------------------------------------------ */

void pdf_rect(struct pdf *pdf, double x, double y, double w, double h, double line_width,
	      double gray)
{
	if (pdf->page == NULL)
		return;
	HPDF_Page_SetLineWidth(pdf->page, (HPDF_REAL)line_width);
	HPDF_Page_SetGrayStroke(pdf->page, (HPDF_REAL)gray);
	HPDF_Page_SetDash(pdf->page, NULL, 0, 0);
	HPDF_Page_Rectangle(pdf->page, (HPDF_REAL)x, (HPDF_REAL)(PDF_A4_HEIGHT - y - h),
			    (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Stroke(pdf->page);
}

void pdf_fill_rect(struct pdf *pdf, double x, double y, double w, double h, double gray)
{
	if (pdf->page == NULL)
		return;
	HPDF_Page_SetGrayFill(pdf->page, (HPDF_REAL)gray);
	HPDF_Page_Rectangle(pdf->page, (HPDF_REAL)x, (HPDF_REAL)(PDF_A4_HEIGHT - y - h),
			    (HPDF_REAL)w, (HPDF_REAL)h);
	HPDF_Page_Fill(pdf->page);
	HPDF_Page_SetGrayFill(pdf->page, 0);
}

void pdf_line(struct pdf *pdf, double x1, double y1, double x2, double y2, double line_width,
	      double dash)
{
	HPDF_UINT16 pattern[2];

	if (pdf->page == NULL)
		return;
	HPDF_Page_SetLineWidth(pdf->page, (HPDF_REAL)line_width);
	HPDF_Page_SetGrayStroke(pdf->page, 0);
	if (dash > 0) {
		pattern[0] = pattern[1] = (HPDF_UINT16)(dash < 1 ? 1 : dash);
		HPDF_Page_SetDash(pdf->page, pattern, 2, 0);
	} else {
		HPDF_Page_SetDash(pdf->page, NULL, 0, 0);
	}
	HPDF_Page_MoveTo(pdf->page, (HPDF_REAL)x1, (HPDF_REAL)(PDF_A4_HEIGHT - y1));
	HPDF_Page_LineTo(pdf->page, (HPDF_REAL)x2, (HPDF_REAL)(PDF_A4_HEIGHT - y2));
	HPDF_Page_Stroke(pdf->page);
	if (dash > 0)
		HPDF_Page_SetDash(pdf->page, NULL, 0, 0);
}

static QRcode *qr_encode(const char *data, char **cause)
{
	/* casesensitive = 1: never upper-case the payload (URLs, tokens). */
	QRcode *qr = QRcode_encodeString(data, 0, QR_ECLEVEL_M, QR_MODE_8, 1);

	if (qr == NULL)
		*cause = xasprintf("cannot make a QR code of %zu bytes: %s", strlen(data),
				   strerror(errno));
	return qr;
}

static double qr_module(int width, double min_mm)
{
	if (min_mm < PDF_QR_MIN_MM)
		min_mm = PDF_QR_MIN_MM;
	return PDF_MM(min_mm) / (double)width;
}

int pdf_qr_side(const char *data, double min_mm, double *side, char **cause)
{
	QRcode *qr = qr_encode(data, cause);

	if (qr == NULL)
		return -1;
	*side = qr_module(qr->width, min_mm) * (qr->width + 2 * PDF_QR_QUIET);
	QRcode_free(qr);
	return 0;
}

int pdf_qr(struct pdf *pdf, const char *data, double min_mm, double x, double y, char **cause)
{
	QRcode *qr = qr_encode(data, cause);
	double m, left, top;
	int w;

	if (qr == NULL)
		return -1;
	if (pdf->page == NULL) {
		QRcode_free(qr);
		return 0;
	}
	w = qr->width;
	m = qr_module(w, min_mm);
	left = x + PDF_QR_QUIET * m;
	top = y + PDF_QR_QUIET * m;
	HPDF_Page_SetGrayFill(pdf->page, 0);
	for (int r = 0; r < w; r++) {
		for (int c = 0; c < w;) {
			int start;

			/* Bit 0 is a dark module; the other bits are flags. */
			if (!(qr->data[r * w + c] & 1)) {
				c++;
				continue;
			}
			start = c;
			while (c < w && (qr->data[r * w + c] & 1))
				c++;
			/* A hair taller than a module, so renderers leave no seams. */
			HPDF_Page_Rectangle(pdf->page, (HPDF_REAL)(left + start * m),
					    (HPDF_REAL)(PDF_A4_HEIGHT - (top + (r + 1) * m) - 0.02),
					    (HPDF_REAL)((c - start) * m), (HPDF_REAL)(m + 0.02));
		}
	}
	HPDF_Page_Fill(pdf->page);
	QRcode_free(qr);
	return 0;
}
