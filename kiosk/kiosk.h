/*
 * The kiosk: the text-mode screens staff use on shared terminals. This
 * header is for kiosk/ only; the command line starts it through kiosk_run()
 * in kiosk/run.h.
 *
 * Shape (after ncdu and htop): one main loop (kiosk.c) owns get_wch, resize,
 * the idle timer, signals and the single doupdate() per frame. Each screen is
 * a module with
 *   enter()  load what it shows (when the screen becomes current),
 *   leave()  drop what only it needs (another screen becomes current),
 *   release() drop everything (the session ends),
 *   layout() lay text out for the current size (on enter and on resize),
 *   draw()   draw from state only and say where the cursor rests,
 *   key()    handle a key and return actions for the loop,
 *   keys()   the key hints of the bottom bar,
 * and its state lives in struct app. Screens never call refresh functions.
 *
 * All user-facing text goes through gettext (_()); msgids are Swedish, the
 * kiosk's first language, so the Swedish screens need no catalogue.
 */
#ifndef VAKSAM_KIOSK_H
#define VAKSAM_KIOSK_H

#include <curses.h>
#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/access.h"
#include "core/attempt.h"
#include "core/level.h"
#include "core/login.h"
#include "core/measure.h"
#include "core/page.h"
#include "core/progress.h"
#include "core/question.h"
#include "core/survey.h"
#include "kiosk/lineedit.h"
#include "kiosk/text.h"
#include "kiosk/theme.h"

#define _(s)  gettext(s)
#define N_(s) (s)

/* The smallest terminal the screens are laid out for. */
#define KIOSK_MIN_COLS 80
#define KIOSK_MIN_ROWS 24

struct store;
struct app;

enum screen_id {
	SCREEN_LOGIN,
	SCREEN_HOME,
	SCREEN_COURSE,
	SCREEN_LESSON,
	SCREEN_QUIZ,
	SCREEN_RESULT,
	SCREEN_HELP,
	SCREEN_KNOWLEDGE,
	SCREEN_UNIT,
	SCREEN_SURVEY,
	SCREEN_PAPER,
	SCREEN_COUNT
};

/* What a key handler asks of the main loop (flags). */
#define ACT_NONE    0u
#define ACT_HANDLED 0x1u  /* the key was used */
#define ACT_GOTO    0x2u  /* switch to app->next_screen */
#define ACT_LOGOUT  0x4u  /* end the session */
#define ACT_QUIT    0x8u  /* leave the kiosk (not in locked mode) */
#define ACT_LAYOUT  0x10u /* lay the current screen out again */

struct cursor {
	int y, x;
};

struct keyhint {
	const char *key;   /* e.g. "Enter"; not translated */
	const char *label; /* translated */
};

#define KEYHINTS_MAX 8

struct screen {
	void (*enter)(struct app *app);
	void (*leave)(struct app *app);   /* another screen becomes current */
	void (*release)(struct app *app); /* the session ends; NULL: leave does it */
	void (*layout)(struct app *app);
	struct cursor (*draw)(const struct app *app);
	unsigned (*key)(struct app *app, wint_t key, bool func);
	size_t (*keys)(const struct app *app, struct keyhint *out);
	const char *help; /* the help text's msgid */
	/* Whether the focused item takes typed text, so '?' is text and help is
	 * F1 only; NULL means never. */
	bool (*typing)(const struct app *app);
};

/* ---- The course being worked on ---------------------------------------- */

struct kpage {
	char *title;      /* owned; placeholders filled */
	struct page page; /* owned; placeholders filled */
};

/* A question as asked: the model and where it came from. */
struct kquestion {
	long long version_id; /* question_version.id; 0 in preview */
	char *topic;          /* owned; may be NULL */
	struct question q;    /* owned; placeholders filled in feedback */
};

struct kcourse {
	long long id;   /* course.id; 0 in preview */
	char *slug;     /* owned */
	char *title;    /* owned */
	char *language; /* owned */
	int version, pass_mark, minutes, pretest;
	bool feedback_end;
	struct kpage *pages; /* owned, n_pages entries */
	size_t n_pages;
	struct kquestion *questions; /* owned: every question (preview) or those of the plan */
	size_t n_questions;
};

/* ---- Screen states ------------------------------------------------------ */

enum login_step {
	LOGIN_STEP_ID,
	LOGIN_STEP_PIN,
	LOGIN_STEP_ACTIVATION,
	LOGIN_STEP_NEWPIN,
	LOGIN_STEP_NEWPIN2,
	LOGIN_STEP_TOTP
};

struct login_state {
	enum login_step step;
	struct lineedit field; /* the field of the current step */
	struct login_ticket ticket;
	char *shown_id;   /* owned: what was typed at the first step (not for badges) */
	char *activation; /* owned: the accepted activation code, wiped after use */
	char *newpin;     /* owned: the first entry of the new PIN, wiped after use */
};

struct home_state {
	struct course_status *courses; /* owned */
	size_t n_courses;
	struct level *levels; /* owned */
	size_t n_levels;
	size_t sel;           /* focused course */
	int top;              /* first document line shown */
	struct doc doc;       /* laid-out list and levels */
	struct lineedit scan; /* the scan field */
	bool coordinator;     /* a coordinator or admin: "Min enhet" is offered */
	char *survey_title;   /* owned: the open survey the person has not taken, or NULL */
};

/* "Min kunskap" (screen_knowledge.c): the person's levels and their history. */
struct knowledge_state {
	struct measure_person_history hist; /* owned */
	bool any;       /* the person has answers at some point of the history */
	size_t *rows;   /* owned: the list's rows, each a column of hist (n_topics: overall) */
	size_t n_rows;
	size_t sel;     /* focused row: its history is shown */
	int top;        /* first line of the list shown */
	struct doc doc; /* the list */
};

/* One page of "Min enhet": a unit, a row of one root's tables. */
struct unit_page {
	size_t root; /* index into unit_state's tables */
	size_t row;  /* the unit's row in them */
};

/* One person of "Min enhet" and the states of their assignments. */
struct unit_person {
	struct person person;                  /* owned */
	struct measure_person_course *courses; /* owned */
	size_t n_courses;
};

/* "Min enhet" (screen_unit.c): the units a coordinator covers. */
struct unit_state {
	bool allowed;                    /* the viewer is a coordinator or admin */
	long k;                          /* the small-group threshold */
	struct measure_completion *comp; /* owned: per root */
	struct measure_levels *levels;   /* owned: per root */
	size_t n_roots;
	struct unit_page *pages; /* owned */
	size_t n_pages;
	struct unit_person *people; /* owned: the people whose status the viewer may see */
	size_t n_people;
	size_t cur; /* page shown */
	int top;    /* first line shown */
	struct doc doc;
};

enum survey_phase { SURVEY_INTRO, SURVEY_ITEM, SURVEY_REVIEW };

/* The culture survey (screen_survey.c). */
struct survey_state {
	struct survey_form form; /* owned */
	bool open;               /* form holds a round */
	int *values;             /* owned: per item 1..5, 0 unanswered */
	enum survey_phase phase;
	size_t pos;       /* item shown */
	size_t choice;    /* focused scale point, 0..4 */
	bool from_review; /* an item opened from the review goes back there */
	size_t sel;       /* review: focused line, n_items = the send button */
	int top;
	struct doc doc;
};

/* What the course screen offers. */
enum course_action { CA_PRETEST, CA_LESSONS, CA_QUIZ, CA_RESULT, CA_BACK };

struct course_screen {
	struct course_status status; /* owned */
	enum course_action actions[6];
	size_t n_actions, sel;
	struct doc doc;
	int page_no;      /* remembered lesson page, 1-based, 0 when none */
	bool resume_quiz; /* the open attempt is a quiz, not a pre-test */
};

struct lesson_state {
	size_t page; /* 0-based page shown */
	int top;     /* first line shown */
	struct doc doc;
	int width; /* width doc was laid out for */
};

enum quiz_phase { QUIZ_INTRO, QUIZ_ASK, QUIZ_FEEDBACK };

struct quiz_state {
	struct attempt attempt; /* owned; in preview only the plan is used */
	bool attempt_open;      /* attempt holds an attempt */
	enum quiz_phase phase;
	size_t pos; /* plan position shown */
	/* per plan position: the stored answer (JSON, owned) and its mark */
	char **answers;
	double *marks;
	/* the current question's input */
	size_t sel;    /* focused choice, or focused left item (matching) */
	bool *ticked;  /* multi: per display position */
	int *match;    /* matching: per pair, the pair index of the chosen right side */
	size_t *lefts; /* matching: pair indexes with a left side, display order */
	size_t n_lefts;
	size_t *rights; /* matching: pair indexes of the distinct right sides, display order */
	size_t n_rights;
	struct lineedit edit; /* short answer, numerical, essay */
	int top;              /* first line shown */
	struct doc doc;
	int width;
	int num, total;          /* "fråga num av total", set by the layout */
	enum question_type type; /* of the question shown, set by prepare */
	bool draft_dirty;        /* the field changed since the place was saved */
};

struct result_state {
	struct attempt attempt;       /* owned: the finished attempt */
	char **answers;               /* owned: per plan position, the answer JSON or NULL */
	double *marks;                /* owned: per plan position */
	struct attempt_topic *topics; /* owned */
	size_t n_topics;
	bool has_pre; /* a pre-test score to compare with */
	double pre_score;
	size_t sel;
	enum course_action actions[3];
	size_t n_actions;
	struct doc doc;
	int top;
};

struct app {
	struct store *store; /* not owned; NULL in preview */
	bool locked;         /* vaksam kiosk --locked */
	bool preview;        /* vaksam content preview: no database */
	const char *lang;    /* "sv" or "en" */
	char *organisation;  /* owned */
	bool demo;           /* show the demo logins */
	long idle_timeout;   /* seconds */

	enum screen_id screen, next_screen, help_from;
	int help_top;

	long long person_id; /* 0 while nobody is logged in */
	char *person_name;   /* owned */

	char *message; /* owned: the status line, or NULL */
	enum theme_role message_role;

	struct kcourse course; /* the open course */
	struct login_state login;
	struct home_state home;
	struct course_screen crs;
	struct lesson_state lesson;
	struct quiz_state quiz;
	struct result_state result;
	struct knowledge_state knowledge;
	struct unit_state unit;
	struct survey_state survey;

	/* The preview's course folder. */
	const char *preview_dir;

	/* Settings read for placeholders, cached for the session. */
	struct app_setting {
		char *key;   /* owned */
		char *value; /* owned; NULL when the setting has no value */
	} * settings;
	size_t n_settings;

	bool wipe;      /* clear the terminal and its scrollback on the next frame */
	bool too_small; /* the terminal is below 80x24 */
};

/* ---- Shared helpers (kiosk.c, i18n.c, course.c, ui.c) ------------------- */

extern const struct screen screen_login, screen_home, screen_course, screen_lesson, screen_quiz,
    screen_result, screen_help;
extern const struct screen screen_knowledge, screen_unit, screen_survey;
extern const struct screen screen_paper;

/* Sets the status line (a copy of text is kept); NULL clears it. */
void app_message(struct app *app, enum theme_role role, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Shows a store failure on the status line and frees cause. */
void app_error(struct app *app, char *cause);
/* Switches to a screen at the next turn of the loop. */
unsigned app_goto(struct app *app, enum screen_id id);

/* The rows screens may draw in: from row 1 (under the title line) to the row
 * above the status line. */
int ui_top(void);
int ui_bottom(void); /* exclusive */
/* Draws a document's lines [top, top + rows) from screen row y at column x. */
void ui_draw_doc(const struct doc *d, int top, int y, int x, int rows, int width);
/* Adjusts *top so that document lines [first, last] are visible in rows rows
 * (as much of them as fits, first preferred). */
void ui_follow(int *top, int first, int last, int rows, int n_lines);
/* The first and last line of a document tagged tag; false when none. */
bool ui_find_tag(const struct doc *d, int tag, int *first, int *last);
/* Appends a progress bar "[####......] " of width cells to b. */
void ui_bar(struct cellbuf *b, double share, int width);
/* Appends page blocks laid out for width (headings, lists, "Tänk på" boxes). */
void ui_render_page(struct doc *d, const struct page *page, int width);
/* Appends a UTF-8 text wrapped for width with an indent, in a role. */
void ui_para(struct doc *d, const char *text, int indent, int width, enum theme_role role, int tag);
/* Formats a date "YYYY-MM-DD" from a stored time into buf. */
void ui_date(const char *stored, char *buf, size_t size);
/* The key of a screen's help hint: "?" or, on text screens, "F1". */
const char *ui_help_key(const struct app *app);

/* i18n.c: sets the session language ("sv" or "en") for gettext. */
void i18n_init(void);
void i18n_set(struct app *app, const char *lang);

/* course.c: loading the open course and its questions. */
int kcourse_load(struct app *app, long long course_id, char **cause);
void kcourse_release(struct kcourse *c);
/* Returns the question for a plan's version id, loading it when needed; NULL
 * with *cause on failure. Points into app->course. */
const struct kquestion *kcourse_question(struct app *app, long long version_id, char **cause);
/* Fills placeholders in text from the settings; newly allocated. */
char *kcourse_fill(struct app *app, const char *text);
/* A topic's name in the session language; newly allocated. */
char *kcourse_topic_name(struct app *app, const char *slug);

/* answer.c: what an answer was and what the person learns from it. */
/* The text of answer idx as shown: "Sant"/"Falskt" for true/false. */
const char *answer_choice_text(const struct question *q, size_t idx);
/* Returns "Ditt svar: ..." for a stored answer; newly allocated. */
char *answer_describe(const struct question *q, const char *json);
/* Appends the verdict (right, partly right, wrong, saved), the feedback of
 * what was chosen, the right answer when it was missed, and the general
 * feedback. */
void answer_feedback(struct doc *d, const struct question *q, const char *json, double mark,
		     int indent, int width, int tag);

/* quiz: starting and resuming attempts (screen_quiz.c). */
unsigned quiz_begin(struct app *app, enum attempt_kind kind);
unsigned quiz_resume(struct app *app, struct attempt *a);
/* Saves the text typed but not sent, if it changed (the loop calls it when
 * no key came for a while, so a lost connection or kill loses little). */
void quiz_pause_save(struct app *app);
/* The quiz screen's two halves: state (screen_quiz.c) and view (quiz_view.c).
 * Document tags of the view besides the choice indexes: */
#define QUIZ_TAG_NONE     (-1)
#define QUIZ_TAG_FIELD    (-2)
#define QUIZ_TAG_FEEDBACK (-3)
/* The display order of choice k of a plan item. */
size_t quiz_order_at(const struct attempt_item *it, size_t k);
/* The question shown, loading it when needed; NULL (with a message) on error. */
const struct kquestion *quiz_current(struct app *app);
/* The number of the question at pos among the answerable ones, and their count. */
void quiz_numbering(struct app *app, size_t pos, int *num, int *total);
/* Rows of the question area. */
int quiz_view_rows(void);
void quiz_layout(struct app *app);
struct cursor quiz_draw(const struct app *app);

/* result: shows the result of a finished attempt (screen_result.c). Takes
 * a (left zeroed) and the answers and marks per plan position (owned). */
unsigned result_show(struct app *app, struct attempt *a, char **answers, double *marks);
/* figure.c: figures of the measurement screens, as cells. */
/* Appends text clipped to width columns (ending in "…" when cut) and pads it
 * with spaces to exactly width. */
void figure_label(struct cellbuf *b, const char *text, int width, enum theme_role role,
		  unsigned flags);
/* Appends a bar of bar cells and " 72 %" for a percentage (0..100). */
void figure_percent(struct cellbuf *b, double percent, int bar);
/* Appends the text a hidden small-group figure shows: "färre än K". */
void figure_hidden(struct cellbuf *b, long k);
/* Appends a heading line (a blank line first unless d is empty). */
void figure_heading(struct doc *d, const char *text, int width);

/* course screen: opens a course (screen_course.c). */
unsigned course_open(struct app *app, long long course_id);
/* lesson screen: opens the lessons at a 1-based page. */
unsigned lesson_open(struct app *app, int page_no);
/* paper screen (screen_paper.c): whether the person logged in may key paper
 * sheets (a coordinator or admin), and opening the screen, with a scanned
 * sheet code or NULL. */
bool paper_may_enter(const struct app *app);
unsigned paper_open(struct app *app, const char *code);

#include "core/banned.h"

#endif
