/*
 * The kiosk's main loop: the only place that reads keys (get_wch), handles
 * KEY_RESIZE, runs the idle timer, reacts to signals and calls doupdate(),
 * once per frame. Screens only draw into stdscr and return actions.
 *
 * Invariants:
 * - every way out (F10 at the login screen, SIGTERM, SIGHUP, Ctrl-C outside
 *   locked mode, a terminal that went away) passes through kiosk_run's one
 *   exit path, which clears the screen when someone was logged in and
 *   restores the terminal with endwin();
 * - in locked mode the terminal is in raw mode, so Ctrl-C, Ctrl-Z and
 *   Ctrl-\ arrive as plain keys that do nothing, and nothing can start a
 *   shell, a pager or an editor: the kiosk runs no other program at all;
 * - a session ends (logout, idle) by releasing every screen's state, then
 *   clearing the screen and the terminal's scrollback (ESC [3J), so the next
 *   person sees no trace of the last one;
 * - the idle warning's countdown text changes at most every 10 seconds, and
 *   nothing else on screen moves by itself.
 */
#include "kiosk/kiosk.h"

#include <term.h>

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/demo.h"
#include "core/setting.h"
#include "core/store.h"
#include "core/xmalloc.h"
#include "kiosk/run.h"

/* Seconds before an idle logout when the countdown appears. */
#define IDLE_WARN_SECONDS 30
/* The longest wait for a key, in milliseconds: signals are looked at this often. */
#define WAIT_MS 1000

static volatile sig_atomic_t got_signal;

static const struct screen *const screens[SCREEN_COUNT] = {
    [SCREEN_LOGIN] = &screen_login,   [SCREEN_HOME] = &screen_home,
    [SCREEN_COURSE] = &screen_course, [SCREEN_LESSON] = &screen_lesson,
    [SCREEN_QUIZ] = &screen_quiz,     [SCREEN_RESULT] = &screen_result,
    [SCREEN_HELP] = &screen_help,     [SCREEN_PAPER] = &screen_paper,
    [SCREEN_KNOWLEDGE] = &screen_knowledge, [SCREEN_UNIT] = &screen_unit,
    [SCREEN_SURVEY] = &screen_survey,
};

/* The loop's own state. */
struct loop {
	double last_key;  /* monotonic seconds of the last key */
	int warn_shown;   /* the countdown value on screen, 0 when none */
	int early_errors; /* get_wch errors that came back before the wait ended */
	bool dirty;       /* a frame must be drawn */
	bool relayout;    /* the current screen must be laid out again */
};

static void on_signal(int sig)
{
	got_signal = sig;
}

static double now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void app_message(struct app *app, enum theme_role role, const char *fmt, ...)
{
	va_list ap;

	free(app->message);
	app->message = NULL;
	if (fmt == NULL)
		return;
	va_start(ap, fmt);
	app->message = xvasprintf(fmt, ap);
	va_end(ap);
	app->message_role = role;
}

void app_error(struct app *app, char *cause)
{
	/* The cause is English text from the store; it is for whoever is called
	 * to fix the terminal, so it is shown as it is after a Swedish lead. A
	 * full or read-only disk is something the person can report in plain
	 * words, and it passes once fixed, so it gets a Swedish line instead. */
	enum store_failure f = store_last_failure(app->store);

	if (f == STORE_FAILURE_FULL)
		app_message(app, ROLE_ERROR, "%s",
			    _("Disken är full, så inget kunde sparas. Säg till IT-stöd."));
	else if (f == STORE_FAILURE_READONLY)
		app_message(
		    app, ROLE_ERROR, "%s",
		    _("Databasen är skrivskyddad, så inget kunde sparas. Säg till IT-stöd."));
	else
		app_message(app, ROLE_ERROR, _("Något gick fel: %s"), cause ? cause : "?");
	free(cause);
}

const char *ui_help_key(const struct app *app)
{
	enum screen_id id = app->screen == SCREEN_HELP ? app->help_from : app->screen;

	return screens[id]->typing && screens[id]->typing(app) ? "F1" : "?";
}

unsigned app_goto(struct app *app, enum screen_id id)
{
	app->next_screen = id;
	return ACT_HANDLED | ACT_GOTO;
}

/* ---- Drawing ------------------------------------------------------------ */

static void draw_header(const struct app *app)
{
	char right[160];
	int w;

	text_fill(0, 0, COLS, ROLE_TITLE);
	if (app->preview)
		snprintf(right, sizeof(right), "%s", _("Förhandsvisning"));
	else if (app->person_name)
		snprintf(right, sizeof(right), "%s", app->person_name);
	else
		right[0] = '\0';
	w = text_width(right);
	if (w > COLS / 2)
		w = COLS / 2;
	{
		char left[200];

		snprintf(left, sizeof(left), "vaksam · %s",
			 app->organisation ? app->organisation : "");
		text_draw(0, 1, left, COLS - w - 3, ROLE_TITLE);
	}
	if (w > 0)
		text_draw(0, COLS - w - 1, right, w, ROLE_TITLE);
}

static void draw_status(const struct app *app, const struct loop *lp)
{
	int y = LINES - 2;

	if (lp->warn_shown > 0) {
		char buf[256];

		snprintf(buf, sizeof(buf),
			 _("Ingen aktivitet. Du loggas ut om %d sekunder. Tryck på en tangent för "
			   "att stanna."),
			 lp->warn_shown);
		text_fill(y, 0, COLS, ROLE_WARN);
		text_draw(y, 1, buf, COLS - 2, ROLE_WARN);
	} else if (app->message) {
		text_draw(y, 1, app->message, COLS - 2, app->message_role);
	}
}

/* The bottom bar: the screen's keys, then help, language and logout. When
 * the row is too narrow the screen's last hints go first: the global keys
 * always stay visible. */
static void draw_bar(const struct app *app)
{
	struct keyhint hints[KEYHINTS_MAX + 4];
	struct keyhint global[3];
	size_t n = 0, ng = 0;
	int x = 0, y = LINES - 1, need = 0;

	if (screens[app->screen]->keys)
		n = screens[app->screen]->keys(app, hints);
	if (app->screen != SCREEN_HELP)
		global[ng++] = (struct keyhint){ui_help_key(app), _("Hjälp")};
	/* The language key names the language it switches to, in that language. */
	global[ng++] = (struct keyhint){"F2", strcmp(app->lang, "sv") == 0 ? "English" : "Svenska"};
	if (app->person_id)
		global[ng++] = (struct keyhint){"F10", _("Logga ut")};
	else if (!app->locked)
		global[ng++] = (struct keyhint){"F10", _("Avsluta")};
	for (size_t i = 0; i < ng; i++)
		hints[n++] = global[i];
	for (size_t i = 0; i < n; i++)
		need += text_width(hints[i].key) + 1 + text_width(hints[i].label) + 2;
	while (need - 2 > COLS && n > ng) {
		size_t drop = n - ng - 1;

		need -= text_width(hints[drop].key) + 1 + text_width(hints[drop].label) + 2;
		memmove(&hints[drop], &hints[drop + 1], (n - drop - 1) * sizeof(hints[0]));
		n--;
	}
	text_fill(y, 0, COLS, ROLE_BAR);
	for (size_t i = 0; i < n; i++) {
		int kw = text_width(hints[i].key), lw = text_width(hints[i].label);

		if (x + kw + 1 + lw > COLS)
			break;
		x += text_draw(y, x, hints[i].key, kw, ROLE_KEY);
		x += 1;
		x += text_draw(y, x, hints[i].label, lw, ROLE_BAR);
		x += 2;
	}
}

static struct cursor draw_small(void)
{
	char buf[200];
	int y = LINES / 2 - 1;
	const char *l1 = _("Fönstret är för litet.");
	int x1, x2;

	if (y < 0)
		y = 0;
	snprintf(buf, sizeof(buf), _("Gör det minst %d × %d tecken (nu %d × %d)."), KIOSK_MIN_COLS,
		 KIOSK_MIN_ROWS, COLS, LINES);
	x1 = (COLS - text_width(l1)) / 2;
	x2 = (COLS - text_width(buf)) / 2;
	x1 = x1 < 0 ? 0 : x1;
	x2 = x2 < 0 ? 0 : x2;
	text_draw(y, x1, l1, COLS - x1, ROLE_ERROR);
	text_draw(y + 1, x2, buf, COLS - x2, ROLE_NORMAL);
	return (struct cursor){y, x1};
}

static void draw_frame(struct app *app, struct loop *lp)
{
	struct cursor cur;

	erase();
	if (app->too_small) {
		cur = draw_small();
	} else {
		draw_header(app);
		cur = screens[app->screen]->draw(app);
		draw_status(app, lp);
		draw_bar(app);
	}
	if (cur.y < 0 || cur.y >= LINES)
		cur.y = 0;
	if (cur.x < 0 || cur.x >= COLS)
		cur.x = 0;
	move(cur.y, cur.x);
	if (app->wipe)
		clearok(curscr, TRUE);
	wnoutrefresh(stdscr);
	doupdate();
	if (app->wipe) {
		/* Clear the scrollback too: on a terminal without an alternate screen
		 * the cleared screen went into the history. */
		ssize_t ignored = write(STDOUT_FILENO, "\033[3J", 4);

		(void)ignored;
		app->wipe = false;
	}
	lp->dirty = false;
}

/* ---- Sessions ----------------------------------------------------------- */

static void layout_current(struct app *app)
{
	app->too_small = LINES < KIOSK_MIN_ROWS || COLS < KIOSK_MIN_COLS;
	if (!app->too_small && screens[app->screen]->layout)
		screens[app->screen]->layout(app);
}

static void release_screens(struct app *app)
{
	for (int i = 0; i < SCREEN_COUNT; i++) {
		if (screens[i]->release)
			screens[i]->release(app);
		else if (screens[i]->leave)
			screens[i]->leave(app);
	}
	kcourse_release(&app->course);
}

/* Ends the session: nothing of the person stays in memory or on screen. */
static void session_end(struct app *app, const char *message)
{
	release_screens(app);
	free(app->person_name);
	app->person_name = NULL;
	app->person_id = 0;
	i18n_set(app, "sv");
	app->screen = SCREEN_LOGIN;
	screens[SCREEN_LOGIN]->enter(app);
	app_message(app, ROLE_NORMAL, message ? "%s" : NULL, message);
	app->wipe = true;
}

static void switch_screen(struct app *app)
{
	enum screen_id to = app->next_screen, from = app->screen;

	if (to == SCREEN_HELP) {
		if (from != SCREEN_HELP)
			app->help_from = from;
		app->help_top = 0;
		app->screen = SCREEN_HELP;
		return;
	}
	if (from == SCREEN_HELP) {
		from = app->help_from;
		if (to == from) {
			app->screen = to;
			return;
		}
	}
	if (from != to && screens[from]->leave)
		screens[from]->leave(app);
	app->screen = to;
	if (screens[to]->enter)
		screens[to]->enter(app);
}

/* Whether to show the demo logins: in the demo organisation, while its
 * people still have their published PINs (a real organisation never has
 * all three). demo_logins_work() compares a fingerprint of the stored PIN
 * hashes instead of verifying the PINs, so this costs no Argon2id. */
static bool is_demo(struct store *store, const char *organisation)
{
	char *cause = NULL;
	bool work;

	if (organisation == NULL || strcmp(organisation, "Exempelkommunen") != 0)
		return false;
	work = demo_logins_work(store, &cause) == 1;
	free(cause);
	return work;
}

static void app_settings_free(struct app *app)
{
	for (size_t i = 0; i < app->n_settings; i++) {
		free(app->settings[i].key);
		free(app->settings[i].value);
	}
	free(app->settings);
	app->settings = NULL;
	app->n_settings = 0;
}

/* ---- Terminal set-up ---------------------------------------------------- */

static int locale_setup(char **cause)
{
	const char *cs = nl_langinfo(CODESET);

	if (cs == NULL || strcmp(cs, "UTF-8") != 0) {
		/* Started from getty or systemd without LANG: C.UTF-8 is always there. */
		if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
			*cause = xstrdup("no UTF-8 locale (C.UTF-8 is missing)");
			return -1;
		}
	}
	return 0;
}

static void signals_setup(bool locked)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal ends the wait for a key. */
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	if (!locked)
		sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	if (locked) {
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGQUIT, &sa, NULL);
		sigaction(SIGTSTP, &sa, NULL);
	}
}

static int terminal_start(bool locked, SCREEN **scr, char **cause)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*cause = xstrdup("the kiosk needs a terminal");
		return -1;
	}
	/* Ask terminfo first: newterm() on an unknown type fails but leaks its
	 * half-made screen, and setupterm() with an error pointer only reports. */
	{
		int err = 0;

		if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
			const char *term = getenv("TERM");

			*cause = xasprintf("cannot use the terminal type '%s'", term ? term : "");
			return -1;
		}
		del_curterm(cur_term);
	}
	*scr = newterm(NULL, stdout, stdin);
	if (*scr == NULL) {
		const char *term = getenv("TERM");

		*cause = xasprintf("cannot use the terminal type '%s'", term ? term : "");
		return -1;
	}
	set_term(*scr);
	if (locked)
		raw();
	else
		cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(1);
	theme_init();
	return 0;
}

/* Whether the terminal is gone: get_wch came back early without a key. */
static bool terminal_gone(void)
{
	struct pollfd p = {STDIN_FILENO, POLLIN, 0};

	if (poll(&p, 1, 0) < 0)
		return errno != EINTR;
	return (p.revents & (POLLHUP | POLLERR | POLLNVAL | POLLIN)) != 0;
}

/* ---- Idle --------------------------------------------------------------- */

/* Whether the idle timer runs: someone is logged in, or half a login is typed. */
static bool idle_applies(const struct app *app)
{
	return app->person_id != 0 || app->login.step != LOGIN_STEP_ID ||
	       !lineedit_empty(&app->login.field);
}

/* Checks the idle timer; may end the session. */
static void idle_tick(struct app *app, struct loop *lp)
{
	double left;
	int shown = 0;

	if (app->preview || !idle_applies(app)) {
		if (lp->warn_shown) {
			lp->warn_shown = 0;
			lp->dirty = true;
		}
		return;
	}
	left = (double)app->idle_timeout - (now_mono() - lp->last_key);
	if (left <= 0) {
		lp->warn_shown = 0;
		if (app->person_id) {
			session_end(app, _("Du loggades ut eftersom ingen tangent trycktes på en "
					   "stund."));
		} else {
			/* Half a login: start over, silently. */
			session_end(app, NULL);
		}
		lp->relayout = true;
		lp->dirty = true;
		lp->last_key = now_mono();
		return;
	}
	if (app->person_id && left <= IDLE_WARN_SECONDS) {
		/* Whole tens only, so the text changes at most every 10 seconds. */
		shown = ((int)left + 9) / 10 * 10;
		if (shown > IDLE_WARN_SECONDS)
			shown = IDLE_WARN_SECONDS;
		if (shown < 10)
			shown = 10;
	}
	if (shown != lp->warn_shown) {
		lp->warn_shown = shown;
		lp->dirty = true;
	}
}

/* ---- Keys --------------------------------------------------------------- */

static void do_actions(struct app *app, struct loop *lp, unsigned act, bool *quit)
{
	if (act & ACT_QUIT) {
		*quit = true;
		return;
	}
	if (act & ACT_LOGOUT) {
		session_end(app, _("Du är utloggad."));
		lp->relayout = true;
		return;
	}
	if (act & ACT_GOTO) {
		switch_screen(app);
		lp->relayout = true;
	}
	if (act & ACT_LAYOUT)
		lp->relayout = true;
}

static void language_switch(struct app *app, struct loop *lp)
{
	i18n_set(app, strcmp(app->lang, "sv") == 0 ? "en" : "sv");
	/* The course list shows each course in the session's language. */
	if (app->screen == SCREEN_HOME ||
	    (app->screen == SCREEN_HELP && app->help_from == SCREEN_HOME)) {
		size_t sel = app->home.sel;

		screens[SCREEN_HOME]->leave(app);
		screens[SCREEN_HOME]->enter(app);
		if (sel < app->home.n_courses)
			app->home.sel = sel;
	}
	app_message(app, ROLE_NORMAL, NULL);
	lp->relayout = true;
}

static void handle_key(struct app *app, struct loop *lp, wint_t ch, bool func, bool *quit)
{
	const struct screen *s = screens[app->screen];
	unsigned act;

	lp->dirty = true;
	/* A message is read by the next key; the handler may set a new one. */
	app_message(app, ROLE_NORMAL, NULL);
	if (func && ch == KEY_F(2)) {
		language_switch(app, lp);
		return;
	}
	if (func && ch == KEY_F(10)) {
		if (app->person_id)
			do_actions(app, lp, ACT_LOGOUT, quit);
		else if (!app->locked)
			*quit = true;
		return;
	}
	if (!func && ch == 12) { /* Ctrl-L: repaint everything */
		clearok(curscr, TRUE);
		return;
	}
	if (app->too_small)
		return;
	act = s->key(app, ch, func);
	if (!(act & ACT_HANDLED)) {
		bool typing = s->typing && s->typing(app);
		bool help = (func && ch == KEY_F(1)) || (!func && ch == L'?' && !typing);

		if (help && app->screen != SCREEN_HELP)
			act = app_goto(app, SCREEN_HELP);
	}
	do_actions(app, lp, act, quit);
}

/* ---- The loop ----------------------------------------------------------- */

static void app_init(struct app *app, struct store *store, const struct kiosk_options *opt)
{
	char *cause = NULL;

	memset(app, 0, sizeof(*app));
	app->store = store;
	app->locked = opt->locked;
	app->preview = opt->preview_dir != NULL;
	app->preview_dir = opt->preview_dir;
	app->lang = "sv";
	app->idle_timeout = 300;
	if (store) {
		long v;

		app->organisation = setting_get(store, "organisation", &cause);
		free(cause);
		cause = NULL;
		if (setting_get_int(store, "idle_timeout", &v, &cause) == 0 && v >= 5)
			app->idle_timeout = v;
		free(cause);
		app->demo = is_demo(store, app->organisation);
	} else {
		/* A preview has no settings: the default name stands in. */
		const struct setting_def *def = setting_def_find("organisation");

		app->organisation = xstrdup(def && def->default_value ? def->default_value : "");
	}
}

static void app_release(struct app *app)
{
	release_screens(app);
	lineedit_release(&app->login.field);
	lineedit_release(&app->home.scan);
	free(app->person_name);
	free(app->organisation);
	free(app->message);
	app_settings_free(app);
	memset(app, 0, sizeof(*app));
}

int kiosk_run(struct store *store, const struct kiosk_options *opt, char **cause)
{
	struct app app;
	struct loop lp = {0};
	SCREEN *scr = NULL;
	bool quit = false;
	bool was_in = false;

	if (locale_setup(cause) < 0)
		return -1;
	i18n_init();
	app_init(&app, store, opt);
	if (app.preview && kcourse_load(&app, 0, cause) < 0) {
		app_release(&app);
		return -1;
	}
	signals_setup(opt->locked);
	if (terminal_start(opt->locked, &scr, cause) < 0) {
		app_release(&app);
		return -1;
	}
	i18n_set(&app, "sv");
	if (app.preview) {
		app.screen = SCREEN_COURSE;
		course_open(&app, 0);
		app.screen = app.next_screen;
	} else {
		app.screen = SCREEN_LOGIN;
		screens[SCREEN_LOGIN]->enter(&app);
	}
	lp.last_key = now_mono();
	lp.relayout = true;
	lp.dirty = true;
	while (!quit && !got_signal) {
		wint_t ch = 0;
		int rc;
		double waited;

		if (lp.relayout) {
			layout_current(&app);
			lp.relayout = false;
			lp.dirty = true;
		}
		if (lp.dirty)
			draw_frame(&app, &lp);
		timeout(WAIT_MS);
		waited = now_mono();
		rc = get_wch(&ch);
		waited = now_mono() - waited;
		if (got_signal)
			break;
		if (rc == ERR) {
			/* A wait that ended early without a key: the terminal may be gone. */
			if (waited < WAIT_MS / 2000.0 && terminal_gone()) {
				if (++lp.early_errors >= 3)
					break;
			} else {
				lp.early_errors = 0;
			}
			/* A pause in typing: keep an unsent answer's text safe. */
			if (app.screen == SCREEN_QUIZ)
				quiz_pause_save(&app);
			idle_tick(&app, &lp);
			continue;
		}
		lp.early_errors = 0;
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			/* Take a burst of resize events as one. */
			timeout(0);
			while ((rc = get_wch(&ch)) == KEY_CODE_YES && ch == KEY_RESIZE)
				;
			if (rc == OK)
				unget_wch(ch);
			else if (rc == KEY_CODE_YES)
				ungetch((int)ch);
			lp.relayout = true;
			continue;
		}
		lp.last_key = now_mono();
		if (lp.warn_shown) {
			/* The key only says "I am here". */
			lp.warn_shown = 0;
			lp.dirty = true;
			continue;
		}
		handle_key(&app, &lp, ch, rc == KEY_CODE_YES, &quit);
		was_in = was_in || app.person_id != 0;
	}
	/* One exit path: leave nothing of the person on screen, restore the terminal. */
	if (app.person_id || was_in || app.locked) {
		erase();
		clearok(curscr, TRUE);
		refresh();
	}
	endwin();
	if (app.person_id || was_in || app.locked) {
		ssize_t ignored = write(STDOUT_FILENO, "\033[3J", 4);

		(void)ignored;
	}
	delscreen(scr);
	app_release(&app);
	return 0;
}
