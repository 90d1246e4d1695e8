/*
 * "Min enhet", for coordinators (and admins): one page per unit they cover,
 * with the unit's completion per course, its knowledge level per topic with
 * the number of people behind each figure, and the status of each of its
 * people (passed, not yet, overdue; never a score).
 *
 * Invariants:
 * - what is covered comes from core's access check alone (access_load at
 *   every entry, so a changed role or scope counts at once): the roots are
 *   the viewer's top units, the pages those units and the units below them,
 *   the people those access_people lets the viewer see; staff get nothing;
 * - every unit figure comes from measure_completion / measure_levels with
 *   core's small-group suppression, complementary rule included; a hidden
 *   figure shows "färre än K" and no number at all, not even its head count;
 * - nothing is drawn about a unit outside the scope: a root's parent and
 *   siblings are never read into a page.
 */
#include "kiosk/kiosk.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/day.h"
#include "core/unit.h"
#include "core/xmalloc.h"

#define BAR_W   10
/* Label columns: course titles leave room for the overdue count. */
#define COURSE_W 29
#define TOPIC_W  36

static void unit_leave(struct app *app)
{
	struct unit_state *u = &app->unit;

	for (size_t i = 0; i < u->n_roots; i++) {
		measure_completion_release(&u->comp[i]);
		measure_levels_release(&u->levels[i]);
	}
	free(u->comp);
	free(u->levels);
	for (size_t i = 0; i < u->n_people; i++) {
		person_release(&u->people[i].person);
		free(u->people[i].courses);
	}
	free(u->people);
	free(u->pages);
	doc_release(&u->doc);
	memset(u, 0, sizeof(*u));
}

/* The top units to show: each root of the viewer's scope that does not lie
 * under another covered unit, in tree order; the organisation (0) for a
 * viewer who sees everything. *out new (caller frees). */
static int scope_roots(struct app *app, const struct access *a, long long **out, size_t *n,
		       char **cause)
{
	struct unit *all = NULL;
	size_t n_all = 0;

	*out = NULL;
	*n = 0;
	if (a->all) {
		*out = xcalloc(1, sizeof(**out));
		*n = 1;
		return 0;
	}
	if (unit_list(app->store, &all, &n_all, cause) < 0)
		return -1;
	for (size_t i = 0; i < n_all; i++) {
		bool root = false;

		for (size_t r = 0; r < a->n_roots; r++)
			root = root || a->roots[r] == all[i].id;
		if (!root || (all[i].parent_id > 0 && access_unit(a, all[i].parent_id)))
			continue;
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		(*out)[(*n)++] = all[i].id;
	}
	unit_list_free(&all, n_all);
	return 0;
}

/* Whether unit_id is the unit of a page (a person placed there is shown). */
static bool on_a_page(const struct unit_state *u, long long unit_id)
{
	for (size_t p = 0; p < u->n_pages; p++)
		if (u->comp[u->pages[p].root].units[u->pages[p].row].id == unit_id)
			return true;
	return false;
}

static int unit_load(struct app *app, char **cause)
{
	struct unit_state *u = &app->unit;
	struct access a = ACCESS_INIT;
	struct measure_scope scope = {0};
	long long *roots = NULL;
	size_t n_roots = 0;
	struct person *people = NULL;
	size_t n_people = 0;
	int today = day_today(), rc = -1;

	if (access_load(app->store, app->person_id, &a, cause) < 0)
		goto cleanup;
	u->allowed = a.active && a.role != ROLE_STAFF;
	if (!u->allowed) {
		rc = 0;
		goto cleanup;
	}
	u->k = suppress_threshold(app->store);
	if (scope_roots(app, &a, &roots, &n_roots, cause) < 0)
		goto cleanup;
	u->comp = xcalloc(n_roots ? n_roots : 1, sizeof(*u->comp));
	u->levels = xcalloc(n_roots ? n_roots : 1, sizeof(*u->levels));
	measure_default_period(today, &scope.from_day, &scope.to_day);
	scope.k = u->k;
	for (size_t r = 0; r < n_roots; r++) {
		scope.unit_id = roots[r];
		if (measure_completion(app->store, &scope, &u->comp[r], cause) < 0)
			goto cleanup;
		if (measure_levels(app->store, &scope, &u->levels[r], cause) < 0) {
			measure_completion_release(&u->comp[r]);
			goto cleanup;
		}
		u->n_roots++;
		u->pages = xreallocarray(u->pages, u->n_pages + u->comp[r].n_units,
					 sizeof(*u->pages));
		for (size_t row = 0; row < u->comp[r].n_units; row++)
			u->pages[u->n_pages++] = (struct unit_page){r, row};
	}
	if (access_people(app->store, &a, NULL, &people, &n_people, cause) < 0)
		goto cleanup;
	u->people = xcalloc(n_people ? n_people : 1, sizeof(*u->people));
	for (size_t i = 0; i < n_people; i++) {
		struct unit_person *up;

		/* The viewer's own entry is visible too, but only people placed in
		 * a unit on a page are listed. */
		if (!on_a_page(u, people[i].unit_id)) {
			person_release(&people[i]);
			continue;
		}
		up = &u->people[u->n_people++];
		up->person = people[i];
		memset(&people[i], 0, sizeof(people[i]));
		if (measure_person_completion(app->store, up->person.id, today, &up->courses,
					      &up->n_courses, cause) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	/* Entries not moved into u->people are released or zeroed. */
	for (size_t i = 0; i < n_people; i++)
		person_release(&people[i]);
	free(people);
	free(roots);
	access_release(&a);
	return rc;
}

static void unit_enter(struct app *app)
{
	char *cause = NULL;

	unit_leave(app);
	if (unit_load(app, &cause) < 0) {
		unit_leave(app);
		app_error(app, cause);
	}
}

/* The levels row of a page: the same unit in the levels table. */
static size_t levels_row(const struct unit_state *u, const struct unit_page *pg)
{
	const struct measure_levels *l = &u->levels[pg->root];
	long long id = u->comp[pg->root].units[pg->row].id;

	if (pg->row < l->n_units && l->units[pg->row].id == id)
		return pg->row;
	for (size_t r = 0; r < l->n_units; r++)
		if (l->units[r].id == id)
			return r;
	return SIZE_MAX;
}

static const char *course_title(const struct measure_completion *c, long long course_id)
{
	for (size_t i = 0; i < c->n_courses; i++)
		if (c->courses[i].id == course_id)
			return c->courses[i].title;
	return "";
}

/* One completion figure: label, then the share passed and, for a course,
 * the people overdue (the total counts courses, not people, so it has no
 * overdue figure), or the hidden text. */
static void completion_line(struct doc *d, const struct unit_state *u, const char *label,
			    const struct measure_completion_cell *cell, bool total, int width)
{
	struct cellbuf b = {0};

	cellbuf_addstr(&b, "  ", ROLE_NORMAL, 0);
	figure_label(&b, label, COURSE_W, ROLE_NORMAL, 0);
	if (cell->state != SUPPRESS_SHOWN) {
		figure_hidden(&b, u->k);
	} else {
		char *people = xasprintf(ngettext("(%ld person)", "(%ld personer)",
						  (unsigned long)cell->people),
					 cell->people);

		figure_percent(&b, isnan(cell->share) ? 0 : cell->share, BAR_W);
		cellbuf_addstr(&b, "  ", ROLE_NORMAL, 0);
		if (!total) {
			char *over = xasprintf(ngettext("%ld försenad", "%ld försenade",
							(unsigned long)cell->overdue),
					       cell->overdue);

			cellbuf_addstr(&b, over, cell->overdue ? ROLE_WRONG : ROLE_NORMAL, 0);
			cellbuf_addstr(&b, "  ", ROLE_NORMAL, 0);
			free(over);
		}
		cellbuf_addstr(&b, people, ROLE_DIM, 0);
		free(people);
	}
	doc_wrap(d, b.cells, b.n, 0, COURSE_W + 2, width, -1);
	cellbuf_release(&b);
}

static void completion_section(struct app *app, const struct unit_page *pg, int width)
{
	struct unit_state *u = &app->unit;
	const struct measure_completion *c = &u->comp[pg->root];
	size_t cols = c->n_courses + 1;
	const struct measure_completion_cell *row = &c->cells[pg->row * cols];
	bool any = false;

	figure_heading(&u->doc, _("Andel klara med kurserna i dag"), width);
	if (row[c->n_courses].state != SUPPRESS_SHOWN || row[c->n_courses].assigned > 0) {
		completion_line(&u->doc, u, _("Alla kurser för medarbetare"), &row[c->n_courses],
				true, width);
		any = true;
	}
	for (size_t i = 0; i < c->n_courses; i++) {
		if (row[i].state == SUPPRESS_SHOWN && row[i].assigned == 0)
			continue;
		completion_line(&u->doc, u, c->courses[i].title, &row[i], false, width);
		any = true;
	}
	if (!any)
		ui_para(&u->doc, _("Ingen här har någon kurs att göra."), 2, width, ROLE_DIM, -1);
}

static void levels_section(struct app *app, const struct unit_page *pg, int width)
{
	struct unit_state *u = &app->unit;
	const struct measure_levels *l = &u->levels[pg->root];
	size_t cols = l->n_topics + 1, r = levels_row(u, pg);
	struct cellbuf b = {0};
	bool any = false;

	figure_heading(&u->doc, _("Kunskapsnivå per område, det senaste året"), width);
	for (size_t k = 0; r != SIZE_MAX && k < cols; k++) {
		/* The overall level first, then the topics. */
		size_t t = k == 0 ? l->n_topics : k - 1;
		const struct measure_cell *cell = &l->cells[r * cols + t];
		const char *name;

		if (cell->state == SUPPRESS_SHOWN && cell->n == 0)
			continue;
		if (t == l->n_topics)
			name = _("Alla områden");
		else
			name = strcmp(app->lang, "en") == 0 ? l->topics[t].name_en
							    : l->topics[t].name_sv;
		cellbuf_reset(&b);
		cellbuf_addstr(&b, "  ", ROLE_NORMAL, 0);
		figure_label(&b, name, TOPIC_W, ROLE_NORMAL, t == l->n_topics ? CELL_BOLD : 0);
		if (cell->state != SUPPRESS_SHOWN) {
			figure_hidden(&b, u->k);
		} else {
			char *people = xasprintf(ngettext("(%ld person)", "(%ld personer)",
							  (unsigned long)cell->n),
						 cell->n);

			figure_percent(&b, cell->value, BAR_W);
			cellbuf_addstr(&b, "  ", ROLE_NORMAL, 0);
			cellbuf_addstr(&b, people, ROLE_DIM, 0);
			free(people);
		}
		doc_wrap(&u->doc, b.cells, b.n, 0, TOPIC_W + 2, width, -1);
		any = true;
	}
	cellbuf_release(&b);
	if (!any)
		ui_para(&u->doc, _("Ingen här har svarat på några frågor de senaste 12 månaderna."),
			2, width, ROLE_DIM, -1);
}

/* A person's status over their assignments, and its role. */
static const char *person_status(const struct unit_person *p, enum theme_role *role)
{
	bool overdue = false, pending = false;

	for (size_t i = 0; i < p->n_courses; i++) {
		overdue = overdue || completion_state_overdue(p->courses[i].state);
		pending = pending || p->courses[i].state == COMPLETION_PENDING;
	}
	if (p->n_courses == 0) {
		*role = ROLE_DIM;
		return _("Inga kurser");
	}
	if (overdue) {
		*role = ROLE_WRONG;
		return _("Försenad");
	}
	if (pending) {
		*role = ROLE_NORMAL;
		return _("Inte klar än");
	}
	*role = ROLE_OK;
	return _("Klar");
}

static void people_section(struct app *app, const struct unit_page *pg, const char *unit_name,
			   int width)
{
	struct unit_state *u = &app->unit;
	const struct measure_completion *c = &u->comp[pg->root];
	long long unit_id = c->units[pg->row].id;
	struct cellbuf b = {0};
	char *title = xasprintf(_("Medarbetare i %s"), unit_name);
	bool any = false;

	figure_heading(&u->doc, title, width);
	free(title);
	for (size_t i = 0; i < u->n_people; i++) {
		const struct unit_person *p = &u->people[i];
		enum theme_role role;
		const char *status;
		bool first = true;

		if (p->person.unit_id != unit_id)
			continue;
		status = person_status(p, &role);
		cellbuf_reset(&b);
		cellbuf_addstr(&b, "  ", ROLE_NORMAL, 0);
		figure_label(&b, p->person.name, COURSE_W, ROLE_NORMAL, 0);
		cellbuf_addstr(&b, status, role, CELL_BOLD);
		/* The courses still to do, by name: what the coordinator follows up. */
		for (size_t k = 0; k < p->n_courses; k++) {
			if (p->courses[k].state == COMPLETION_DONE)
				continue;
			cellbuf_addstr(&b, first ? ": " : ", ", ROLE_DIM, 0);
			cellbuf_addstr(&b, course_title(c, p->courses[k].course_id), ROLE_DIM, 0);
			if (p->courses[k].state == COMPLETION_REFRESH_DUE)
				cellbuf_addstr(&b, _(" (repetition)"), ROLE_DIM, 0);
			first = false;
		}
		doc_wrap(&u->doc, b.cells, b.n, 0, COURSE_W + 4, width, -1);
		any = true;
	}
	cellbuf_release(&b);
	if (!any)
		ui_para(&u->doc, _("Ingen är placerad direkt i den här enheten."), 2, width,
			ROLE_DIM, -1);
}

static void unit_layout(struct app *app)
{
	struct unit_state *u = &app->unit;
	int width = COLS - 4;
	const struct unit_page *pg;
	const struct measure_unit *mu;
	const char *name;
	struct cellbuf b = {0};

	doc_release(&u->doc);
	if (!u->allowed) {
		ui_para(&u->doc, _("Min enhet är till för samordnare."), 0, width, ROLE_NORMAL,
			-1);
		return;
	}
	if (u->n_pages == 0) {
		ui_para(&u->doc,
			_("Du följer inga enheter än. En administratör kan ge dig enheter att "
			  "följa."),
			0, width, ROLE_NORMAL, -1);
		return;
	}
	if (u->cur >= u->n_pages)
		u->cur = 0;
	pg = &u->pages[u->cur];
	mu = &u->comp[pg->root].units[pg->row];
	name = mu->id == 0 ? (app->organisation ? app->organisation : "") : mu->name;
	cellbuf_addstr(&b, name, ROLE_HEADING, CELL_BOLD);
	doc_wrap(&u->doc, b.cells, b.n, 0, 0, width, -1);
	cellbuf_release(&b);
	/* The path places the unit in the tree; a top unit's path is its name. */
	if (mu->id == 0)
		ui_para(&u->doc, _("Hela organisationen"), 0, width, ROLE_DIM, -1);
	else if (strcmp(mu->path, mu->name) != 0)
		ui_para(&u->doc, mu->path, 0, width, ROLE_DIM, -1);
	ui_para(&u->doc,
		_("Siffrorna gäller enheten och alla enheter under den. En siffra som bygger på "
		  "för få personer visas inte."),
		0, width, ROLE_DIM, -1);
	completion_section(app, pg, width);
	levels_section(app, pg, width);
	people_section(app, pg, name, width);
	{
		int rows = ui_bottom() - 1 - (ui_top() + 1);
		int max_top = (int)u->doc.n - rows;

		if (u->top > max_top)
			u->top = max_top > 0 ? max_top : 0;
	}
}

static int view_rows(void)
{
	return ui_bottom() - 1 - (ui_top() + 1);
}

static struct cursor unit_draw(const struct app *app)
{
	const struct unit_state *u = &app->unit;
	int y0 = ui_top() + 1, rows = view_rows();

	ui_draw_doc(&u->doc, u->top, y0, 2, rows, COLS - 4);
	if (u->top + rows < (int)u->doc.n)
		text_draw(y0 + rows, COLS - 24, _("(mer nedanför)"), 22, ROLE_DIM);
	return (struct cursor){y0, 2};
}

static unsigned unit_key(struct app *app, wint_t key, bool func)
{
	struct unit_state *u = &app->unit;
	int rows = view_rows(), max_top = (int)u->doc.n - rows;

	if (max_top < 0)
		max_top = 0;
	if (func && (key == KEY_RIGHT || key == KEY_LEFT)) {
		if (u->n_pages == 0)
			return ACT_HANDLED;
		if (key == KEY_RIGHT)
			u->cur = (u->cur + 1) % u->n_pages;
		else
			u->cur = (u->cur + u->n_pages - 1) % u->n_pages;
		u->top = 0;
		return ACT_HANDLED | ACT_LAYOUT;
	}
	if (func && (key == KEY_DOWN || key == KEY_NPAGE)) {
		u->top += key == KEY_DOWN ? 1 : rows - 1;
		if (u->top > max_top)
			u->top = max_top;
		return ACT_HANDLED;
	}
	if (func && (key == KEY_UP || key == KEY_PPAGE)) {
		u->top -= key == KEY_UP ? 1 : rows - 1;
		if (u->top < 0)
			u->top = 0;
		return ACT_HANDLED;
	}
	if ((!func && (key == 27 || key == L'q')) || (func && key == KEY_BACKSPACE))
		return app_goto(app, SCREEN_HOME);
	return ACT_NONE;
}

static size_t unit_keys(const struct app *app, struct keyhint *out)
{
	size_t n = 0;

	if (app->unit.n_pages > 1)
		out[n++] = (struct keyhint){"←→", _("Byt enhet")};
	out[n++] = (struct keyhint){"↑↓", _("Rulla")};
	out[n++] = (struct keyhint){"Esc", _("Dina kurser")};
	return n;
}

const struct screen screen_unit = {
    .enter = unit_enter,
    .leave = unit_leave,
    .layout = unit_layout,
    .draw = unit_draw,
    .key = unit_key,
    .keys = unit_keys,
    .help = N_("Min enhet visar enheterna du följer som samordnare: hur många som är klara "
	       "med sina kurser, kunskapsnivån per område och vilka medarbetare som har kurser "
	       "kvar.\n\n"
	       "Byt enhet med pil vänster och pil höger. Rulla med pil upp och pil ned.\n\n"
	       "Siffrorna gäller hela grupper, aldrig en enskild person. En siffra som bygger på "
	       "färre personer än gränsen för små grupper visas inte, och inte heller en siffra "
	       "som skulle avslöja den. För varje medarbetare ser du bara om kurserna är klara, "
	       "inte klara än eller försenade, aldrig resultat.\n\n"
	       "Tillbaka till dina kurser med Esc."),
};
