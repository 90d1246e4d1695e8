/*
 * Text on PDF pages: cleaning, line breaking and drawing; see pdf.h. Line
 * breaking is done here rather than with HPDF_Page_TextRect, because
 * TextRect cannot tell how tall a text will be before drawing it, cannot mix
 * regular and bold words on one line, and cannot break a word longer than a
 * line: a printout must never be clipped.
 */
#include "reports/pdf.h"

#include <stdint.h>

#include "core/sanitize.h"
#include "core/strbuf.h"
#include "core/xmalloc.h"
#include "reports/pdf_impl.h"

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
		size_t n = c < 0x80         ? 1
			   : (c >> 5) == 6  ? 2
			   : (c >> 4) == 14 ? 3
			   : (c >> 3) == 30 ? 4
					    : 0;
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
	double x;       /* where the next text goes on the current line */
	bool line_open; /* the current line has been started */
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
static void place(struct breaker *b, enum pdf_font font, const char *text, size_t len, double gap,
		  bool gap_is_space)
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
	struct pdf_span span = {text, strlen(text), font};

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

void pdf_text(struct pdf *pdf, enum pdf_font font, double size, double x, double top, double width,
	      enum pdf_align align, const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	double w, shift = 0;

	if (pdf->page == NULL)
		return;
	clean_append(&sb, text, strlen(text), false);
	/* Only a centred or right-aligned text needs its width measured. */
	if (align != PDF_LEFT) {
		w = pdf_text_width(pdf, font, size, sb.buf, sb.len);
		shift = align == PDF_CENTER ? (width - w) / 2 : width - w;
	}
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
