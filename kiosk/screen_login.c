/*
 * The login screen: an employee number or a scanned badge, then the PIN as
 * dots. A person without a PIN gives the activation code handed over with
 * the badge and then chooses a PIN, typed twice. Coordinators and admins
 * then give the six-digit one-time code from their authenticator app. The screen never says
 * whether a number exists (core/login.h decides what may be told apart).
 * Secrets typed here are wiped from memory as soon as they are used.
 *
 * After a login the person comes back to where they left off: the open
 * attempt's next question, or the lesson page they were reading.
 */
#include "kiosk/kiosk.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "core/demo.h"
#include "core/totp.h"
#include "core/person.h"
#include "core/setting.h"
#include "core/xmalloc.h"

/* Column where the fields start. */
#define FIELD_X 2
#define FIELD_W 32

static unsigned submit_totp(struct app *app, const char *typed);

static void secret_free(char **s)
{
	if (*s) {
		sodium_memzero(*s, strlen(*s));
		free(*s);
		*s = NULL;
	}
}

/* Starts a step with an empty field of the right kind. */
static void step(struct app *app, enum login_step st)
{
	struct login_state *l = &app->login;
	bool secret = st != LOGIN_STEP_ID && st != LOGIN_STEP_ACTIVATION && st != LOGIN_STEP_TOTP;

	lineedit_release(&l->field);
	lineedit_init(&l->field,
		      st == LOGIN_STEP_ID           ? 64
		      : st == LOGIN_STEP_ACTIVATION ? 16
						    : 8,
		      false, secret);
	l->field.digits = secret || st == LOGIN_STEP_TOTP;
	l->step = st;
}

static void login_enter(struct app *app)
{
	struct login_state *l = &app->login;

	/* A pending one-time-code step belongs to the last person: forget it. */
	if (l->step == LOGIN_STEP_TOTP)
		login_abandon();
	free(l->shown_id);
	l->shown_id = NULL;
	secret_free(&l->activation);
	secret_free(&l->newpin);
	memset(&l->ticket, 0, sizeof(l->ticket));
	step(app, LOGIN_STEP_ID);
}

static void login_leave(struct app *app)
{
	struct login_state *l = &app->login;

	lineedit_clear(&l->field);
	free(l->shown_id);
	l->shown_id = NULL;
	secret_free(&l->activation);
	secret_free(&l->newpin);
	memset(&l->ticket, 0, sizeof(l->ticket));
}

/* Where the session continues after a login. */
static unsigned login_resume(struct app *app)
{
	struct attempt a = {0};
	char *cause = NULL, *updated = NULL;
	long long lesson_course = 0;
	int page_no = 0, found;
	const char *attempt_time = NULL;

	found = attempt_find_any_open(app->store, app->person_id, &a, &cause);
	if (found < 0) {
		app_error(app, cause);
		return app_goto(app, SCREEN_HOME);
	}
	if (progress_latest(app->store, app->person_id, &lesson_course, &page_no, &updated,
			    &cause) < 0) {
		free(cause);
		cause = NULL;
		lesson_course = 0;
	}
	if (found) {
		struct attempt_response *r = NULL;
		size_t n = 0;

		attempt_time = a.started;
		if (attempt_responses(app->store, a.id, &r, &n, &cause) == 0) {
			for (size_t i = 0; i < n; i++)
				if (r[i].answered && strcmp(r[i].answered, attempt_time) > 0)
					attempt_time = r[i].answered;
		}
		free(cause);
		cause = NULL;
		/* The quiz, unless lesson reading happened after its last answer. */
		if (!(lesson_course && updated && strcmp(updated, attempt_time) > 0)) {
			unsigned act;

			free(updated);
			updated = NULL;
			attempt_responses_free(&r, n);
			if (kcourse_load(app, a.course_id, &cause) < 0) {
				attempt_release(&a);
				app_error(app, cause);
				return app_goto(app, SCREEN_HOME);
			}
			act = quiz_resume(app, &a);
			/* An answer typed but not sent is back in its field: say so. */
			app_message(app, ROLE_NORMAL, "%s",
				    app->quiz.edit.max > 0 && !lineedit_empty(&app->quiz.edit)
					? _("Välkommen tillbaka! Texten du skrev finns kvar.")
					: _("Välkommen tillbaka! Du fortsätter där du slutade."));
			return act;
		}
		attempt_responses_free(&r, n);
	}
	attempt_release(&a);
	free(updated);
	if (lesson_course) {
		struct course_status st = {0};

		if (progress_course(app->store, app->person_id, lesson_course, &st, &cause) == 1 &&
		    st.state == COURSE_IN_PROGRESS && page_no >= 1 && page_no < st.pages) {
			unsigned act;

			course_status_release(&st);
			act = course_open(app, lesson_course);
			if (act & ACT_GOTO) {
				act = lesson_open(app, page_no);
				app_message(app, ROLE_NORMAL, "%s",
					    _("Välkommen tillbaka! Du fortsätter där du slutade."));
			}
			return act;
		}
		course_status_release(&st);
		free(cause);
	}
	return app_goto(app, SCREEN_HOME);
}

/* The person is in: remember who, then continue where they left off. */
static unsigned login_done(struct app *app, long long person_id)
{
	struct person p = {0};
	char *cause = NULL;

	if (person_get(app->store, person_id, &p, &cause) != 1) {
		free(cause);
		app_message(app, ROLE_ERROR, "%s", _("Inloggningen misslyckades. Försök igen."));
		login_enter(app);
		return ACT_HANDLED;
	}
	app->person_id = person_id;
	/* The idle timeout may have been changed since the kiosk started. */
	{
		long v;

		if (setting_get_int(app->store, "idle_timeout", &v, &cause) == 0 && v >= 5)
			app->idle_timeout = v;
		free(cause);
		cause = NULL;
	}
	free(app->person_name);
	app->person_name = xstrdup(p.name);
	person_release(&p);
	login_leave(app);
	step(app, LOGIN_STEP_ID);
	app_message(app, ROLE_NORMAL, NULL);
	return login_resume(app);
}

static void refused(struct app *app)
{
	app_message(app, ROLE_ERROR, "%s", _("Numret eller PIN-koden stämmer inte. Försök igen."));
	login_enter(app);
}

/* Handles a result that is the same for every step. Returns true when it did. */
static bool common_result(struct app *app, enum login_result r, char *cause)
{
	switch (r) {
	case LOGIN_REFUSED:
		refused(app);
		return true;
	case LOGIN_LOCKED:
		app_message(app, ROLE_ERROR, "%s",
			    _("För många felaktiga försök. Vänta en stund och försök igen."));
		login_enter(app);
		return true;
	case LOGIN_NEEDS_TOTP:
		free(cause);
		app_message(app, ROLE_NORMAL, NULL);
		step(app, LOGIN_STEP_TOTP);
		return true;
	case LOGIN_NO_TOTP:
		free(cause);
		app_message(app, ROLE_ERROR, "%s",
			    _("Din roll kräver en engångskod, men ingen är inställd ännu. Be en "
			      "administratör att ställa in den."));
		login_enter(app);
		return true;
	case LOGIN_ERROR:
		app_error(app, cause);
		login_enter(app);
		return true;
	default:
		free(cause);
		return false;
	}
}

static unsigned submit(struct app *app)
{
	struct login_state *l = &app->login;
	char *typed = lineedit_text(&l->field);
	char *cause = NULL;
	long long person_id = 0;
	const char *why = NULL;
	enum login_result r;
	unsigned act = ACT_HANDLED;

	switch (l->step) {
	case LOGIN_STEP_TOTP:
		if (*typed != '\0')
			act = submit_totp(app, typed);
		break;
	case LOGIN_STEP_ID:
		if (*typed == '\0')
			break;
		r = login_identify(app->store, typed, &l->ticket, &cause);
		if (r == LOGIN_OK || r == LOGIN_NEEDS_ACTIVATION) {
			free(cause);
			free(l->shown_id);
			/* A badge is a secret: show only that one was read. */
			l->shown_id = l->ticket.via == LOGIN_VIA_BADGE ? NULL : xstrdup(typed);
			app_message(app, ROLE_NORMAL, NULL);
			step(app, r == LOGIN_OK ? LOGIN_STEP_PIN : LOGIN_STEP_ACTIVATION);
		} else if (r == LOGIN_BAD_CODE) {
			free(cause);
			app_message(app, ROLE_ERROR, "%s",
				    _("Koden lästes inte rätt. Skanna kortet igen eller skriv ditt "
				      "anställningsnummer."));
			lineedit_clear(&l->field);
		} else {
			common_result(app, r, cause);
		}
		break;
	case LOGIN_STEP_PIN:
		if (*typed == '\0')
			break;
		r = login_check_pin(app->store, &l->ticket, typed, &person_id, &cause);
		if (r == LOGIN_OK) {
			free(cause);
			act = login_done(app, person_id);
		} else {
			common_result(app, r, cause);
		}
		break;
	case LOGIN_STEP_ACTIVATION:
		if (*typed == '\0')
			break;
		r = login_check_activation(app->store, &l->ticket, typed, &cause);
		if (r == LOGIN_OK) {
			free(cause);
			secret_free(&l->activation);
			l->activation = xstrdup(typed);
			app_message(app, ROLE_NORMAL, NULL);
			step(app, LOGIN_STEP_NEWPIN);
		} else if (r == LOGIN_REFUSED) {
			app_message(app, ROLE_ERROR, "%s",
				    _("Aktiveringskoden stämmer inte. Kontrollera koden och försök "
				      "igen."));
			lineedit_clear(&l->field);
		} else {
			common_result(app, r, cause);
		}
		break;
	case LOGIN_STEP_NEWPIN:
		if (*typed == '\0')
			break;
		secret_free(&l->newpin);
		l->newpin = xstrdup(typed);
		app_message(app, ROLE_NORMAL, NULL);
		step(app, LOGIN_STEP_NEWPIN2);
		break;
	case LOGIN_STEP_NEWPIN2:
		if (*typed == '\0')
			break;
		if (l->newpin == NULL || strcmp(typed, l->newpin) != 0) {
			app_message(app, ROLE_ERROR, "%s",
				    _("PIN-koderna var inte lika. Välj en PIN-kod igen."));
			secret_free(&l->newpin);
			step(app, LOGIN_STEP_NEWPIN);
			break;
		}
		r = login_set_pin(app->store, &l->ticket, l->activation, typed, &person_id, &why,
				  &cause);
		if (r == LOGIN_OK) {
			free(cause);
			act = login_done(app, person_id);
			if (app->person_id)
				app_message(app, ROLE_OK, "%s",
					    _("Din PIN-kod är sparad. Använd den nästa gång du "
					      "loggar in."));
		} else if (r == LOGIN_WEAK_PIN) {
			free(cause);
			app_message(app, ROLE_ERROR, "%s",
				    _("Den PIN-koden är för lätt att gissa. Välj en annan, utan "
				      "samma siffra flera gånger eller siffror i följd."));
			secret_free(&l->newpin);
			step(app, LOGIN_STEP_NEWPIN);
		} else {
			common_result(app, r, cause);
		}
		break;
	}
	sodium_memzero(typed, strlen(typed));
	free(typed);
	return act;
}

/* The one-time code of a coordinator or admin. */
static unsigned submit_totp(struct app *app, const char *typed)
{
	struct login_state *l = &app->login;
	long long person_id = 0;
	char *cause = NULL;
	enum login_result r;

	r = login_check_totp(app->store, &l->ticket, typed, &person_id, &cause);
	if (r == LOGIN_OK) {
		free(cause);
		l->step = LOGIN_STEP_ID; /* nothing pending any more */
		return login_done(app, person_id);
	}
	if (r == LOGIN_REFUSED) {
		free(cause);
		app_message(app, ROLE_ERROR, "%s",
			    _("Engångskoden stämmer inte. Vänta på nästa kod i appen och försök "
			      "igen."));
		lineedit_clear(&l->field);
		return ACT_HANDLED;
	}
	common_result(app, r, cause);
	return ACT_HANDLED;
}

static unsigned login_key(struct app *app, wint_t key, bool func)
{
	struct login_state *l = &app->login;
	enum lineedit_result r;

	if ((func && key == KEY_EXIT) || (!func && key == 27)) {
		if (l->step == LOGIN_STEP_ID) {
			lineedit_clear(&l->field);
			return ACT_HANDLED;
		}
		app_message(app, ROLE_NORMAL, NULL);
		login_enter(app);
		return ACT_HANDLED;
	}
	if (!func && key == L'?')
		return ACT_NONE;
	l->field.width = FIELD_W;
	r = lineedit_key(&l->field, key, func);
	if (l->step == LOGIN_STEP_ID) {
		/* A badge code is a secret too: once the text looks like a scan
		 * code, it is shown as dots. */
		l->field.secret = l->field.len >= 2 &&
				  (l->field.buf[0] == L'V' || l->field.buf[0] == L'v') &&
				  (l->field.buf[1] == L'K' || l->field.buf[1] == L'k');
	}
	if (r == LINEEDIT_ENTER)
		return submit(app);
	if (r == LINEEDIT_CHANGED)
		return ACT_HANDLED;
	return ACT_NONE;
}

static void draw_demo(const struct app *app, int y)
{
	const char *role_names[] = {N_("medarbetare"), N_("samordnare"), N_("administratör")};
	int i = 0;

	text_draw(y++, FIELD_X, _("Det här är en demo. Prova att logga in som:"), COLS - 4,
		  ROLE_DIM);
	for (const struct demo_login *l = demo_logins(); l->employee_no && i < 3; l++, i++) {
		char buf[160];

		snprintf(buf, sizeof(buf), _("  nummer %s, PIN-kod %s  (%s)"), l->employee_no,
			 l->pin, _(role_names[i]));
		text_draw(y++, FIELD_X, buf, COLS - 4, ROLE_DIM);
	}
	(void)app;
}

/* A demo's coordinator and admin are asked for a one-time code; the demo
 * shares a well-known secret (core/totp.h), so say how to get the code. */
static void draw_demo_totp(int y)
{
	char buf[160];

	text_draw(y++, FIELD_X, _("Det här är en demo. Engångskoden får du med kommandot"),
		  COLS - 4, ROLE_DIM);
	snprintf(buf, sizeof(buf), "  oathtool --totp -b %s", TOTP_DEMO_SECRET);
	text_draw(y++, FIELD_X, buf, COLS - 4, ROLE_DIM);
	snprintf(buf, sizeof(buf), _("eller i en app för engångskoder med nyckeln %s."),
		 TOTP_DEMO_SECRET);
	text_draw(y, FIELD_X, buf, COLS - 4, ROLE_DIM);
}

static struct cursor login_draw(const struct app *app)
{
	const struct login_state *l = &app->login;
	struct cursor cur = {0, 0};
	const char *label = "";
	int y = ui_top() + 1;
	int fx;

	text_draw(y, FIELD_X, _("Välkommen till utbildningen i informationssäkerhet"), COLS - 4,
		  ROLE_HEADING);
	y += 2;
	switch (l->step) {
	case LOGIN_STEP_ID:
		text_draw(
		    y++, FIELD_X,
		    _("Skanna ditt kort, eller skriv ditt anställningsnummer och tryck Enter."),
		    COLS - 4, ROLE_NORMAL);
		label = _("Anställningsnummer eller kort:");
		break;
	case LOGIN_STEP_PIN:
		text_draw(y++, FIELD_X, _("Skriv din PIN-kod och tryck Enter."), COLS - 4,
			  ROLE_NORMAL);
		label = _("PIN-kod:");
		break;
	case LOGIN_STEP_ACTIVATION:
		text_draw(y++, FIELD_X, _("Du har ingen PIN-kod ännu."), COLS - 4, ROLE_NORMAL);
		text_draw(y++, FIELD_X,
			  _("Skriv aktiveringskoden som du fick tillsammans med ditt kort."),
			  COLS - 4, ROLE_NORMAL);
		label = _("Aktiveringskod:");
		break;
	case LOGIN_STEP_NEWPIN:
		text_draw(y++, FIELD_X, _("Välj en egen PIN-kod med 4 till 8 siffror."), COLS - 4,
			  ROLE_NORMAL);
		text_draw(y++, FIELD_X,
			  _("Undvik lätta koder som 0000, 1234 eller samma siffra flera gånger."),
			  COLS - 4, ROLE_NORMAL);
		label = _("Ny PIN-kod:");
		break;
	case LOGIN_STEP_NEWPIN2:
		text_draw(y++, FIELD_X, _("Skriv samma PIN-kod en gång till."), COLS - 4,
			  ROLE_NORMAL);
		label = _("Ny PIN-kod igen:");
		break;
	case LOGIN_STEP_TOTP:
		text_draw(y++, FIELD_X,
			  _("Skriv engångskoden med 6 siffror från appen i din telefon."), COLS - 4,
			  ROLE_NORMAL);
		label = _("Engångskod:");
		break;
	}
	if (l->step != LOGIN_STEP_ID) {
		char who[128];

		if (l->shown_id)
			snprintf(who, sizeof(who), _("Anställningsnummer: %s"), l->shown_id);
		else
			snprintf(who, sizeof(who), "%s", _("Kortet är läst."));
		y++;
		text_draw(y++, FIELD_X, who, COLS - 4, ROLE_DIM);
	}
	y++;
	fx = FIELD_X + text_draw(y, FIELD_X, label, COLS - 4, ROLE_NORMAL) + 1;
	lineedit_draw(&l->field, y, fx, FIELD_W, 1, &cur.y, &cur.x);
	if (app->demo && l->step == LOGIN_STEP_ID && y + 6 < ui_bottom())
		draw_demo(app, ui_bottom() - 5);
	if (app->demo && l->step == LOGIN_STEP_TOTP && y + 5 < ui_bottom())
		draw_demo_totp(ui_bottom() - 4);
	return cur;
}

static size_t login_keys(const struct app *app, struct keyhint *out)
{
	size_t n = 0;

	out[n++] = (struct keyhint){"Enter", _("Fortsätt")};
	if (app->login.step != LOGIN_STEP_ID)
		out[n++] = (struct keyhint){"Esc", _("Börja om")};
	return n;
}

const struct screen screen_login = {
    .enter = login_enter,
    .leave = login_leave,
    .draw = login_draw,
    .key = login_key,
    .keys = login_keys,
    .help = N_("Logga in med ditt anställningsnummer eller genom att skanna ditt kort. Skriv "
	       "sedan din PIN-kod och tryck Enter. PIN-koden visas som punkter.\n\n"
	       "Har du ingen PIN-kod ännu? Då frågar kiosken efter aktiveringskoden som du fick "
	       "tillsammans med ditt kort. Sedan väljer du en egen PIN-kod och skriver den två "
	       "gånger.\n\n"
	       "Samordnare och administratörer skriver sedan en engångskod med 6 siffror "
	       "från appen i sin telefon.\n\n"
	       "Esc börjar om från början. F2 byter till engelska."),
};
