/*
 * The domain model of one quiz question, shared by the kiosk, the reports and
 * authoring. It knows nothing of GIFT syntax: authoring/gift.c fills it in and
 * writes it back out. The JSON form (question_to_json) is the question's body
 * in the store and the line format of `vaksam content dump`; it holds every
 * field except the source position, so two questions with the same JSON are
 * the same question.
 *
 * Scoring follows Moodle's question types, so a quiz marks the same here as
 * it would in Moodle: see question_score().
 *
 * A zero-initialised struct question is a valid empty question (type single,
 * format moodle, NULL texts); question_release() accepts it. Every text field
 * of a filled-in question is a NUL-terminated UTF-8 string owned by the
 * question, except id and category, which may be NULL.
 */
#ifndef VAKSAM_QUESTION_H
#define VAKSAM_QUESTION_H

#include <stdbool.h>
#include <stddef.h>

#include <cJSON.h>

enum question_type {
	QUESTION_SINGLE,      /* multiple choice, one answer may be chosen */
	QUESTION_MULTI,       /* multiple choice, any number may be chosen */
	QUESTION_TRUEFALSE,   /* answers[0] is "true", answers[1] is "false" */
	QUESTION_SHORTANSWER, /* typed text, compared with answers[] */
	QUESTION_MATCHING,    /* pairs[] */
	QUESTION_NUMERICAL,   /* typed number, compared with numbers[] */
	QUESTION_ESSAY,       /* free text, stored but not scored */
	QUESTION_DESCRIPTION, /* text only, no response */
};

enum question_format {
	QUESTION_FORMAT_MOODLE,
	QUESTION_FORMAT_HTML,
	QUESTION_FORMAT_PLAIN,
	QUESTION_FORMAT_MARKDOWN,
};

struct question_answer {
	char *text;      /* owned */
	double fraction; /* share of the mark, -1..1 (above 1 only in invalid input) */
	char *feedback;  /* owned; "" when there is none */
};

struct question_pair {
	char *left;  /* owned; "" for a distractor that only adds a right-hand choice */
	char *right; /* owned */
};

struct question_number {
	bool has_range;  /* false for the catch-all "any other answer" */
	double min, max; /* inclusive range; unused when !has_range */
	double fraction;
	char *feedback; /* owned */
};

struct question {
	char *id;       /* owned; the ::name::, or NULL */
	char *category; /* owned; the $CATEGORY: in force, or NULL */
	enum question_type type;
	enum question_format format;     /* of stem and feedback texts */
	char *stem;                      /* owned; the question text */
	char *general_feedback;          /* owned; "" when there is none */
	struct question_answer *answers; /* owned, n_answers entries */
	size_t n_answers;
	struct question_pair *pairs; /* owned, n_pairs entries */
	size_t n_pairs;
	struct question_number *numbers; /* owned, n_numbers entries */
	size_t n_numbers;
	int line, col; /* where it starts in its source, 1-based; 0 if unknown */
};

/*
 * A student's response. Which fields count depends on the question type:
 *   single, truefalse  chosen[0] (n_chosen 0 means no answer)
 *   multi              chosen[0..n_chosen)
 *   shortanswer, numerical, essay  text (NULL means no answer)
 *   matching           match[i] for each pair i with a non-empty left side:
 *                      the index j of the pair whose right side was chosen,
 *                      or -1; n_match is normally n_pairs
 * Indexes out of range count as a wrong choice. Nothing here is owned.
 */
struct question_response {
	const size_t *chosen;
	size_t n_chosen;
	const char *text;
	const int *match;
	size_t n_match;
};

/* question_score() returns this for essay and description questions. */
#define QUESTION_UNSCORED (-1.0)

/*
 * Returns x rounded to 15 significant digits, with -0 as 0. Every number the
 * model stores goes through this (question_add_* do it), because that is what
 * JSON carries exactly: a question read back from its JSON is equal to it.
 */
double question_number_canonical(double x);

/* Frees every field and leaves q zero-initialised. */
void question_release(struct question *q);

/* Appends an entry, copying the strings (NULL is taken as "") and making the
 * numbers canonical (question_number_canonical). */
void question_add_answer(struct question *q, const char *text, double fraction,
			 const char *feedback);
void question_add_pair(struct question *q, const char *left, const char *right);
/* has_range false adds the catch-all; min and max are then ignored. */
void question_add_number(struct question *q, bool has_range, double min, double max,
			 double fraction, const char *feedback);

/* The schema names ("single", "moodle", ...). Never NULL. */
const char *question_type_name(enum question_type type);
const char *question_format_name(enum question_format format);
/* Returns 0 and sets *out, or -1 if name is not one of the schema names. */
int question_type_from_name(const char *name, enum question_type *out);
int question_format_from_name(const char *name, enum question_format *out);

/*
 * Returns a new cJSON object in the dump schema; caller frees it with
 * cJSON_Delete(). Keys come in a fixed order: id, category, type, format,
 * stem, general_feedback, then answers (single, multi, truefalse,
 * shortanswer), pairs (matching) or numbers (numerical).
 */
cJSON *question_to_json(const struct question *q);
/*
 * Returns the same object as one line of JSON without a newline; newly
 * allocated, caller frees. Equal questions give equal strings, so this is the
 * canonical input for a content hash.
 */
char *question_to_json_string(const struct question *q);

/*
 * Fills *out (which must be zero-initialised or released) from a JSON object
 * in the dump schema. Returns 0, or -1 with *cause set to a newly allocated
 * message (caller frees) and *out left empty. line and col are set to 0.
 */
int question_from_json(const cJSON *json, struct question *out, char **cause);
/* The same, from JSON text. */
int question_from_json_string(const char *text, struct question *out, char **cause);

/* True when a and b hold the same content; line and col are not compared. */
bool question_equal(const struct question *a, const struct question *b);

/* False for essay and description questions, which have no mark. */
bool question_is_scored(const struct question *q);

/*
 * The mark for response r, in [0, 1], with Moodle's rules:
 *   single, truefalse  the fraction of the chosen answer, below 0 taken as 0
 *   multi              the sum of the chosen fractions, clamped to [0, 1]
 *   shortanswer        the fraction of the first answer that matches (see
 *                      question_find_answer), or 0
 *   numerical          the fraction of the first entry whose range holds the
 *                      number, or of the first catch-all (see question_find_number)
 *   matching           the share of left items given their right partner
 * Returns QUESTION_UNSCORED for essay and description questions.
 */
double question_score(const struct question *q, const struct question_response *r);

/*
 * Returns the index in q->answers of the first short answer that matches
 * response as Moodle compares them: surrounding white space of the response
 * ignored, case ignored (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic),
 * `*` in the answer matching any run of characters and `\*` a literal star.
 * Returns -1 when none matches or response is NULL.
 */
int question_find_answer(const struct question *q, const char *response);

/*
 * Parses a typed number: optional sign, digits with a decimal point or a
 * decimal comma, optional exponent, surrounding white space allowed, and
 * single spaces between digit groups ("1 822,5"). Returns 0 and sets *out,
 * or -1 if text is not such a number.
 */
int question_parse_number(const char *text, double *out);

/*
 * Returns the index in q->numbers of the first entry that accepts the typed
 * number in response (parsed with question_parse_number), or -1 when none
 * does or the response is not a number.
 */
int question_find_number(const struct question *q, const char *response);

/*
 * Returns the index of the right answer to show: the entry of answers[]
 * (single, multi, truefalse, shortanswer) or numbers[] (numerical) with the
 * highest fraction, the first of equals; -1 for other types or no entries.
 */
int question_best_answer(const struct question *q);

/*
 * Returns the feedback that belongs to response r: the chosen answer's for
 * single and truefalse, the matching answer's or number's for shortanswer and
 * numerical; NULL when there is none to show (multi and matching give one
 * per choice: read them from answers[]). Points into q.
 */
const char *question_response_feedback(const struct question *q, const struct question_response *r);

#include "banned.h"

#endif
