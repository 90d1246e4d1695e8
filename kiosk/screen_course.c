/*
 * The course screen: what a course is (time, pages, questions, pass mark),
 * how far the person has come, and the next steps as a short menu with the
 * most likely one focused: the pre-test before anything else, then the
 * lessons from the remembered page, then the quiz. A locked course says
 * which course opens it.
 */
#include "kiosk/kiosk.h"

#include <stdlib.h>
#include <string.h>

#include "core/xmalloc.h"

/* The status stays while the course is open (the lesson and quiz screens
 * read it); only the layout goes. */
static void course_leave(struct app *app)
{
	doc_release(&app->crs.doc);
}

static void course_release(struct app *app)
{
	struct course_screen *c = &app->crs;

	course_status_release(&c->status);
	doc_release(&c->doc);
	c->n_actions = 0;
	c->sel = 0;
	c->page_no = 0;
	c->resume_quiz = false;
}

/* Questions that are answered (not descriptions) in the open course. */
static int count_questions(const struct app *app)
{
	int n = 0;

	for (size_t i = 0; i < app->course.n_questions; i++)
		n += app->course.questions[i].q.type != QUESTION_DESCRIPTION;
	return n;
}

unsigned course_open(struct app *app, long long course_id)
{
	struct course_screen *c = &app->crs;
	struct attempt open = {0};
	char *cause = NULL;
	bool pre_open = false, quiz_open = false, pre_wanted;
	int pages_seen = 0, found;
	size_t def = 0;
	enum course_action want;

	course_release(app);
	if (app->preview) {
		c->status.title = xstrdup(app->course.title);
		c->status.pages = (int)app->course.n_pages;
		c->status.questions = count_questions(app);
		c->status.state = COURSE_NOT_STARTED;
		c->page_no = 1;
		c->actions[c->n_actions++] = CA_LESSONS;
		c->actions[c->n_actions++] = CA_QUIZ;
		c->actions[c->n_actions++] = CA_BACK;
		return app_goto(app, SCREEN_COURSE);
	}
	if (app->course.id != course_id && kcourse_load(app, course_id, &cause) < 0) {
		app_error(app, cause);
		return ACT_HANDLED;
	}
	found = progress_course(app->store, app->person_id, course_id, &c->status, &cause);
	if (found <= 0) {
		if (found == 0)
			app_message(app, ROLE_ERROR, "%s",
				    _("Den kursen ingår inte i dina kurser."));
		else
			app_error(app, cause);
		return ACT_HANDLED;
	}
	if (progress_get(app->store, app->person_id, course_id, &c->page_no, &pages_seen, &cause) <
	    0) {
		free(cause);
		cause = NULL;
	}
	found = attempt_find_open(app->store, app->person_id, course_id, &open, &cause);
	if (found < 0)
		free(cause);
	if (found == 1) {
		pre_open = open.kind == ATTEMPT_PRE;
		quiz_open = !pre_open;
	}
	attempt_release(&open);
	c->resume_quiz = quiz_open;
	if (c->status.state == COURSE_LOCKED) {
		c->actions[c->n_actions++] = CA_BACK;
		return app_goto(app, SCREEN_COURSE);
	}
	pre_wanted = c->status.pretest > 0 &&
		     (pre_open || (!c->status.pre_done && !c->status.quiz_tried && !quiz_open &&
				   c->status.pages_seen == 0 && c->status.state != COURSE_PASSED &&
				   c->status.state != COURSE_REFRESH_DUE));
	if (pre_wanted)
		c->actions[c->n_actions++] = CA_PRETEST;
	c->actions[c->n_actions++] = CA_LESSONS;
	c->actions[c->n_actions++] = CA_QUIZ;
	c->actions[c->n_actions++] = CA_BACK;
	/* The focused step: what this person most likely wants next. A passed
	 * course is opened to read again; one due for refresh, to take the quiz. */
	if (pre_wanted)
		want = CA_PRETEST;
	else if (quiz_open || c->status.state == COURSE_REFRESH_DUE)
		want = CA_QUIZ;
	else if (c->status.state == COURSE_PASSED)
		want = CA_LESSONS;
	else if (c->status.pages_seen < c->status.pages)
		want = CA_LESSONS;
	else
		want = CA_QUIZ;
	for (size_t i = 0; i < c->n_actions; i++)
		if (c->actions[i] == want)
			def = i;
	c->sel = def;
	return app_goto(app, SCREEN_COURSE);
}

/* The label of an action; newly allocated. */
static char *action_label(const struct app *app, enum course_action a)
{
	const struct course_screen *c = &app->crs;
	const struct course_status *s = &c->status;

	switch (a) {
	case CA_PRETEST:
		return xasprintf(ngettext("Gör förtestet (%d fråga)", "Gör förtestet (%d frågor)",
					  (unsigned long)s->pretest),
				 s->pretest);
	case CA_LESSONS:
		if (s->pages_seen == 0 || app->preview)
			return xasprintf(ngettext("Läs lektionen (%d sida)",
						  "Läs lektionerna (%d sidor)",
						  (unsigned long)s->pages),
					 s->pages);
		if (c->page_no >= 1 && c->page_no < s->pages)
			return xasprintf(_("Fortsätt läsa på sida %d av %d"), c->page_no, s->pages);
		return xstrdup(_("Läs lektionerna igen"));
	case CA_QUIZ:
		if (c->resume_quiz)
			return xasprintf(
			    ngettext("Fortsätt kunskapstestet (%d av %d fråga besvarad)",
				     "Fortsätt kunskapstestet (%d av %d frågor besvarade)",
				     (unsigned long)s->questions),
			    s->answered, s->questions);
		if (s->state == COURSE_REFRESH_DUE)
			return xstrdup(_("Repetera: gör kunskapstestet igen"));
		if (s->state == COURSE_PASSED)
			return xstrdup(_("Gör kunskapstestet igen"));
		if (s->quiz_tried)
			return xstrdup(_("Försök igen med kunskapstestet"));
		return xasprintf(ngettext("Gör kunskapstestet (%d fråga)",
					  "Gör kunskapstestet (%d frågor)",
					  (unsigned long)s->questions),
				 s->questions);
	case CA_RESULT:
		return xstrdup(_("Visa resultatet"));
	case CA_BACK:
		return xstrdup(app->preview ? _("Avsluta förhandsvisningen")
					    : _("Tillbaka till dina kurser"));
	}
	return xstrdup("");
}

static void course_layout(struct app *app)
{
	struct course_screen *c = &app->crs;
	const struct course_status *s = &c->status;
	const struct kcourse *k = &app->course;
	struct cellbuf b = {0};
	int width = COLS - 4;
	char *line;

	doc_release(&c->doc);
	cellbuf_addstr(&b, k->title, ROLE_HEADING, CELL_BOLD);
	doc_wrap(&c->doc, b.cells, b.n, 0, 0, width, -1);
	{
		char *pages =
		    xasprintf(ngettext("%d sida", "%d sidor", (unsigned long)s->pages), s->pages);
		char *questions = xasprintf(
		    ngettext("%d fråga", "%d frågor", (unsigned long)s->questions), s->questions);

		line = xasprintf(_("Ungefär %d minuter · %s · %s · godkänt från %d %%"), k->minutes,
				 pages, questions, k->pass_mark);
		free(pages);
		free(questions);
	}
	ui_para(&c->doc, line, 0, width, ROLE_DIM, -1);
	free(line);
	doc_blank(&c->doc);
	switch (s->state) {
	case COURSE_LOCKED:
		line = xasprintf(_("Kursen är låst. Den öppnas när du har klarat kursen %s."),
				 s->requires_title ? s->requires_title : "");
		ui_para(&c->doc, line, 0, width, ROLE_ERROR, -1);
		free(line);
		break;
	case COURSE_PASSED:
	case COURSE_REFRESH_DUE: {
		char date[16];

		ui_date(s->passed_at, date, sizeof(date));
		line =
		    xasprintf(_("Du klarade kursen %s med %.0f %% rätt."), date, s->passed_score);
		ui_para(&c->doc, line, 0, width, ROLE_OK, -1);
		free(line);
		if (s->state == COURSE_REFRESH_DUE)
			ui_para(&c->doc,
				_("Det är dags att repetera: gör kunskapstestet igen för att "
				  "hålla kunskapen färsk."),
				0, width, ROLE_NORMAL, -1);
		break;
	}
	default:
		if (c->n_actions && c->actions[0] == CA_PRETEST)
			ui_para(
			    &c->doc,
			    _("Börja med ett kort förtest. Det visar vad du redan kan, så att det "
			      "syns vad kursen lär dig. Det gör inget om du inte vet svaren."),
			    0, width, ROLE_NORMAL, -1);
		else if (!app->preview)
			ui_para(&c->doc,
				_("Läs lektionerna och gör sedan kunskapstestet. Det du gör sparas "
				  "hela tiden, så du kan sluta när du vill och fortsätta senare."),
				0, width, ROLE_NORMAL, -1);
		else
			ui_para(&c->doc, _("Så här ser kursen ut i kiosken. Svaren sparas inte."),
				0, width, ROLE_NORMAL, -1);
		break;
	}
	doc_blank(&c->doc);
	for (size_t i = 0; i < c->n_actions; i++) {
		bool sel = i == c->sel;
		char num[32];

		cellbuf_reset(&b);
		snprintf(num, sizeof(num), "%s%zu  ", sel ? "> " : "  ", i + 1);
		cellbuf_addstr(&b, num, sel ? ROLE_SELECTED : ROLE_NORMAL, 0);
		line = action_label(app, c->actions[i]);
		cellbuf_addstr(&b, line, sel ? ROLE_SELECTED : ROLE_NORMAL, 0);
		free(line);
		doc_wrap(&c->doc, b.cells, b.n, 0, 5, width, (int)i);
	}
	cellbuf_release(&b);
}

static struct cursor course_draw(const struct app *app)
{
	const struct course_screen *c = &app->crs;
	int y0 = ui_top() + 1, rows = ui_bottom() - y0 - 1;
	int first = 0, last = 0, top = 0;
	struct cursor cur = {y0, 2};

	if (ui_find_tag(&c->doc, (int)c->sel, &first, &last))
		ui_follow(&top, first, last, rows, (int)c->doc.n);
	ui_draw_doc(&c->doc, top, y0, 2, rows, COLS - 4);
	if (first >= top && first < top + rows)
		cur = (struct cursor){y0 + first - top, 2};
	return cur;
}

static unsigned run_action(struct app *app, enum course_action a)
{
	struct course_screen *c = &app->crs;

	switch (a) {
	case CA_PRETEST:
		return quiz_begin(app, ATTEMPT_PRE);
	case CA_LESSONS:
		if (app->course.n_pages == 0) {
			app_message(app, ROLE_NORMAL, "%s", _("Kursen har inga lektionssidor."));
			return ACT_HANDLED;
		}
		return lesson_open(app, c->page_no >= 1 && c->page_no < c->status.pages ? c->page_no
											: 1);
	case CA_QUIZ:
		return quiz_begin(app, c->status.state == COURSE_REFRESH_DUE ? ATTEMPT_REFRESH
									     : ATTEMPT_QUIZ);
	case CA_RESULT:
		return ACT_HANDLED;
	case CA_BACK:
		if (app->preview)
			return ACT_HANDLED | ACT_QUIT;
		return app_goto(app, SCREEN_HOME);
	}
	return ACT_HANDLED;
}

static unsigned course_key(struct app *app, wint_t key, bool func)
{
	struct course_screen *c = &app->crs;

	if (func && key == KEY_UP) {
		if (c->sel > 0)
			c->sel--;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (func && key == KEY_DOWN) {
		if (c->sel + 1 < c->n_actions)
			c->sel++;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if ((!func && key == 27) || (func && key == KEY_LEFT)) {
		if (app->preview)
			return ACT_HANDLED;
		return app_goto(app, SCREEN_HOME);
	}
	if (!func && key >= L'1' && key <= L'9' && (size_t)(key - L'1') < c->n_actions) {
		c->sel = (size_t)(key - L'1');
		return run_action(app, c->actions[c->sel]);
	}
	if ((!func && (key == L'\n' || key == L'\r')) ||
	    (func && (key == KEY_ENTER || key == KEY_RIGHT))) {
		if (c->n_actions)
			return run_action(app, c->actions[c->sel]);
		return ACT_HANDLED;
	}
	return ACT_NONE;
}

static size_t course_keys(const struct app *app, struct keyhint *out)
{
	size_t n = 0;

	out[n++] = (struct keyhint){"↑↓", _("Välj")};
	out[n++] = (struct keyhint){"Enter", _("Gör det")};
	if (!app->preview)
		out[n++] = (struct keyhint){"Esc", _("Dina kurser")};
	return n;
}

const struct screen screen_course = {
    .leave = course_leave,
    .release = course_release,
    .layout = course_layout,
    .draw = course_draw,
    .key = course_key,
    .keys = course_keys,
    .help = N_("Här väljer du vad du vill göra i kursen. Välj med pil upp och pil ned, eller "
	       "med siffran framför, och tryck Enter.\n\n"
	       "Förtestet visar vad du kan innan du läser. Lektionerna läser du sida för sida. "
	       "Kunskapstestet visar om du har klarat kursen.\n\n"
	       "Allt du gör sparas direkt. Esc tar dig tillbaka till dina kurser."),
};
