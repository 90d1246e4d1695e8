/*
 * The printed words of the course documents (handouts, booklets, paper
 * quizzes) in the course's language: Swedish, and English for the English
 * translations. Texts with figures in them are functions, so that every
 * format string stays a literal the compiler checks.
 */
#ifndef VAKSAM_REPORTS_WORDS_H
#define VAKSAM_REPORTS_WORDS_H

#include <stddef.h>

enum words_lang { WORDS_SV, WORDS_EN };

struct words {
	enum words_lang lang;
	/* shared */
	const char *box_label;       /* the label of a block quote box */
	const char *subject;         /* document subject: the training */
	const char *open_in_kiosk;   /* heading beside the course QR code */
	const char *kiosk_scan_note; /* how to use it */
	const char *read_on_phone;   /* heading beside the URL QR code */
	const char *trust_note;      /* only trust codes whose address is printed */
	/* handout */
	const char *handout_head; /* running head */
	const char *remember;     /* appended to the title in the metadata */
	/* booklet */
	const char *course_kicker;
	const char *contents;
	const char *read_one_page;
	const char *also_in_kiosk;
	const char *show_title;
	const char *show_intro;
	const char *on_paper;
	const char *in_kiosk;
	const char *in_kiosk_text;
	const char *code_only_course;
	/* paper quiz */
	const char *hint_single, *hint_multi, *hint_truefalse, *hint_matching, *hint_short,
	    *hint_number;
	const char *true_word, *false_word;
	const char *choices_label;
	const char *answer_label;
	const char *right_answer;
	const char *or_word;
	const char *to_word;
	const char *sheet_head;
	const char *explain_head;
	const char *quiz_title;
	const char *anonymous_text;
	const char *anonymous_who;
	const char *sheet_code;
	const char *sheet_code_note;
	const char *blank_page;
	const char *explain_intro;
};

/* The words for a course language ("sv", "en"; anything else is Swedish). */
const struct words *words_get(const char *language);

/* Each returns a newly allocated text; caller frees. */
char *words_date(const struct words *w, const char *iso);     /* "28 november 2026" */
char *words_printed(const struct words *w, const char *iso);  /* "Utskriven 28 november 2026" */
char *words_page(const struct words *w, size_t n, size_t of); /* "Sida 2 av 3" */
char *words_version(const struct words *w, int version);      /* "version 1" */
char *words_minutes(const struct words *w, int minutes);
char *words_paper_how(const struct words *w, const char *title, int pass_mark);
char *words_fill_in(const struct words *w, int pass_mark);
char *words_label(const struct words *w, const char *label_sv, const char *label_en,
		  const char *value); /* "Namn: Anna" */

#include "core/banned.h"

#endif
