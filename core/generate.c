/*
 * The demo generator's organisation: a deterministic random source, the
 * unit tree, and the people. generate_history.c adds what they did and
 * generate_survey.c the survey rounds. The contract is in generate.h.
 */
#include "generate.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "assignment.h"
#include "day.h"
#include "generate_internal.h"
#include "store_internal.h"
#include "strbuf.h"
#include "suppress.h"
#include "survey.h"
#include "unit.h"
#include "xmalloc.h"

/* ------------------------------------------------------------------ */
/* Random numbers                                                     */

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

double rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

size_t rng_below(struct rng *r, size_t n)
{
	return (size_t)(rng_unit(r) * (double)n) % n;
}

double rng_normal(struct rng *r)
{
	double u = rng_unit(r), v = rng_unit(r);

	if (u < 1e-300)
		u = 1e-300;
	return sqrt(-2.0 * log(u)) * cos(2.0 * M_PI * v);
}

void rng_shuffle(struct rng *r, size_t *a, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = rng_below(r, i), t = a[i - 1];

		a[i - 1] = a[j];
		a[j] = t;
	}
}

void gen_time(long long seconds, char *buf)
{
	int day = (int)(seconds / 86400), y, m, d;
	long long rest = seconds - (long long)day * 86400;

	day_to_civil(day, &y, &m, &d);
	snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, (int)(rest / 3600),
		 (int)(rest / 60 % 60), (int)(rest % 60));
}

/* ------------------------------------------------------------------ */
/* The unit tree                                                      */

struct unit_template {
	const char *forvaltning;
	const char *name;
	double weight; /* share of the staff, before a random factor */
	int fixed;     /* a fixed head count instead (small units) */
	bool paper;    /* works mostly on paper */
	bool teams;    /* split into arbetslag when large */
};

static const struct unit_template templates[] = {
    {"Socialförvaltningen", "Hemtjänst Norr", 3.0, 0, true, true},
    {"Socialförvaltningen", "Hemtjänst Söder", 3.0, 0, true, true},
    {"Socialförvaltningen", "Hemtjänst Öster", 2.0, 0, true, true},
    {"Socialförvaltningen", "Hemtjänst Väster", 2.0, 0, true, true},
    {"Socialförvaltningen", "Särskilt boende Almen", 2.5, 0, true, true},
    {"Socialförvaltningen", "Särskilt boende Björken", 2.5, 0, true, true},
    {"Socialförvaltningen", "Särskilt boende Eken", 2.0, 0, true, true},
    {"Socialförvaltningen", "Individ- och familjeomsorg", 2.0, 0, false, true},
    {"Socialförvaltningen", "LSS Solgården", 1.0, 0, true, false},
    {"Socialförvaltningen", "LSS Ängen", 0.6, 0, true, false},
    {"Socialförvaltningen", "Biståndsenheten", 0.6, 0, false, false},
    {"Socialförvaltningen", "Överförmyndarenheten", 0, 4, false, false},
    {"Barn- och utbildningsförvaltningen", "Centrumskolan", 2.5, 0, false, true},
    {"Barn- och utbildningsförvaltningen", "Västerskolan", 2.0, 0, false, true},
    {"Barn- och utbildningsförvaltningen", "Åsskolan", 1.8, 0, false, true},
    {"Barn- och utbildningsförvaltningen", "Lyckeskolan", 1.5, 0, false, true},
    {"Barn- och utbildningsförvaltningen", "Gymnasieskolan", 3.0, 0, false, true},
    {"Barn- och utbildningsförvaltningen", "Förskolan Solrosen", 0.8, 0, false, false},
    {"Barn- och utbildningsförvaltningen", "Förskolan Blåklinten", 0.8, 0, false, false},
    {"Barn- och utbildningsförvaltningen", "Förskolan Myran", 0.6, 0, false, false},
    {"Barn- och utbildningsförvaltningen", "Förskolan Humlan", 0.5, 0, false, false},
    {"Barn- och utbildningsförvaltningen", "Skolmåltider", 1.5, 0, true, true},
    {"Barn- och utbildningsförvaltningen", "Elevhälsan", 0.6, 0, false, false},
    {"Kommunstyrelseförvaltningen", "Kontaktcenter", 0.8, 0, false, false},
    {"Kommunstyrelseförvaltningen", "IT-enheten", 0.8, 0, false, false},
    {"Kommunstyrelseförvaltningen", "HR-enheten", 0.6, 0, false, false},
    {"Kommunstyrelseförvaltningen", "Ekonomienheten", 0.6, 0, false, false},
    {"Kommunstyrelseförvaltningen", "Kommunikation", 0.3, 0, false, false},
    {"Kommunstyrelseförvaltningen", "Kansliet", 0.4, 0, false, false},
    {"Kommunstyrelseförvaltningen", "Säkerhetsenheten", 0, 3, false, false},
    {"Samhällsbyggnadsförvaltningen", "Bygglov", 0.5, 0, false, false},
    {"Samhällsbyggnadsförvaltningen", "Gata och park", 1.0, 0, true, true},
    {"Samhällsbyggnadsförvaltningen", "VA-enheten", 0.8, 0, true, false},
    {"Samhällsbyggnadsförvaltningen", "Fastighet", 0.7, 0, true, false},
    {"Samhällsbyggnadsförvaltningen", "Lokalvård", 1.5, 0, true, true},
    {"Kultur- och fritidsförvaltningen", "Biblioteken", 0.6, 0, false, false},
    {"Kultur- och fritidsförvaltningen", "Fritidsgårdarna", 0.5, 0, false, false},
    {"Kultur- och fritidsförvaltningen", "Badhuset", 0.4, 0, true, false},
    {"Kultur- och fritidsförvaltningen", "Kulturskolan", 0.5, 0, false, false},
    {"Miljö- och hälsoskyddsförvaltningen", "Livsmedelskontroll", 0.2, 0, false, false},
    {"Miljö- och hälsoskyddsförvaltningen", "Miljötillsyn", 0.25, 0, false, false},
};

#define N_TEMPLATES (sizeof(templates) / sizeof(templates[0]))
#define TEAM_SIZE   25
#define TEAM_SPLIT  40

static const char *const first_names[] = {
    "Anna",    "Eva",    "Maria",   "Karin",   "Sara",  "Lena",     "Kerstin", "Emma",   "Ingrid",
    "Malin",   "Linnea", "Elin",    "Johanna", "Sofia", "Åsa",      "Ida",     "Hanna",  "Camilla",
    "Therese", "Maja",   "Fatima",  "Amina",   "Leila", "Zeynep",   "Aisha",   "Olga",   "Mirja",
    "Helena",  "Annika", "Britt",   "Erik",    "Lars",  "Karl",     "Anders",  "Johan",  "Per",
    "Mikael",  "Jonas",  "Fredrik", "Peter",   "Oskar", "Nils",     "Gustav",  "Viktor", "Mattias",
    "Henrik",  "Olof",   "Östen",   "Björn",   "Jan",   "Mohammed", "Ahmed",   "Ali",    "Hassan",
    "Omar",    "Yusuf",  "Dragan",  "Tomasz",  "Juan",  "Kenji",
};

static const char *const last_names[] = {
    "Andersson", "Johansson", "Karlsson",   "Nilsson",    "Eriksson",    "Larsson",    "Olsson",
    "Persson",   "Svensson",  "Gustafsson", "Pettersson", "Jonsson",     "Jansson",    "Hansson",
    "Bengtsson", "Jönsson",   "Lindberg",   "Jakobsson",  "Magnusson",   "Lindström",  "Olofsson",
    "Lindqvist", "Lindgren",  "Berg",       "Axelsson",   "Bergström",   "Lundberg",   "Lind",
    "Lundgren",  "Lundqvist", "Mattsson",   "Berglund",   "Fredriksson", "Sandberg",   "Henriksson",
    "Forsberg",  "Sjöberg",   "Wallin",     "Engström",   "Eklund",      "Danielsson", "Håkansson",
    "Lundin",    "Björk",     "Bergman",    "Gunnarsson", "Holm",        "Wikström",   "Samuelsson",
    "Isaksson",  "Fransson",  "Öberg",      "Åkesson",    "Ström",       "Nyberg",     "Al-Hassan",
    "Yilmaz",    "Hussein",   "Karimi",     "Rahimi",     "Demir",       "Kowalski",   "Nguyen",
    "Ali",       "Omar",      "Mäkinen",    "Korhonen",
};

static long long add_unit(struct gen *g, const char *path, size_t parent, double effect,
			  double diligence, bool paper, char **cause)
{
	struct gen_unit *u;
	long long id = 0;

	if (unit_ensure(g->store, path, &id, cause) < 0)
		return -1;
	g->units = xreallocarray(g->units, g->n_units + 1, sizeof(*g->units));
	u = &g->units[g->n_units++];
	memset(u, 0, sizeof(*u));
	u->id = id;
	u->parent = parent;
	u->path = xstrdup(path);
	u->effect = effect;
	u->diligence = diligence;
	u->paper = paper;
	g->stats->units++;
	return (long long)(g->n_units - 1);
}

/*
 * Builds the tree and decides how many people each unit gets: the fixed
 * small units first (when the staff is large enough to have them), the rest
 * by weight with a random factor, by largest remainder. Large units with
 * teams are split into arbetslag of about TEAM_SIZE, keeping two people
 * (the manager and an administrator) at the unit itself.
 */
static int build_units(struct gen *g, long total, char **cause)
{
	double weights[N_TEMPLATES], sum = 0;
	long share[N_TEMPLATES], placed = 0;
	double rest[N_TEMPLATES];
	const char *last_forv = NULL;
	size_t forv = SIZE_MAX;
	double forv_effect = 0, forv_dil = 0;

	for (size_t i = 0; i < N_TEMPLATES; i++) {
		weights[i] = templates[i].weight * exp(0.3 * rng_normal(&g->rng));
		sum += weights[i];
		share[i] = 0;
	}
	if (total >= 200) {
		for (size_t i = 0; i < N_TEMPLATES; i++) {
			if (templates[i].fixed) {
				share[i] = templates[i].fixed;
				placed += share[i];
			}
		}
	}
	for (size_t i = 0; i < N_TEMPLATES; i++) {
		double exact = sum > 0 ? (double)(total - placed) * weights[i] / sum : 0;

		if (templates[i].fixed)
			exact = 0;
		share[i] += (long)floor(exact);
		rest[i] = exact - floor(exact);
	}
	{
		long given = 0;

		for (size_t i = 0; i < N_TEMPLATES; i++)
			given += share[i];
		while (given < total) {
			size_t best = 0;

			for (size_t i = 1; i < N_TEMPLATES; i++)
				if (rest[i] > rest[best])
					best = i;
			share[best]++;
			rest[best] = -1;
			given++;
		}
	}
	for (size_t i = 0; i < N_TEMPLATES; i++) {
		const struct unit_template *t = &templates[i];
		char *path;
		long long at;
		double eff, dil;

		if (share[i] == 0)
			continue;
		if (last_forv == NULL || strcmp(last_forv, t->forvaltning) != 0) {
			forv_effect = 0.25 * rng_normal(&g->rng);
			forv_dil = 0.3 * rng_normal(&g->rng);
			at = add_unit(g, t->forvaltning, SIZE_MAX, forv_effect, forv_dil, false,
				      cause);
			if (at < 0)
				return -1;
			forv = (size_t)at;
			last_forv = t->forvaltning;
			/* A few people work at the förvaltning itself (its stab). */
			if (share[i] > 10) {
				g->units[forv].people = 1 + share[i] / 200;
				share[i] -= g->units[forv].people;
			}
		}
		eff = forv_effect + 0.35 * rng_normal(&g->rng) - (t->paper ? 0.25 : 0);
		dil = forv_dil + 0.4 * rng_normal(&g->rng) - (t->paper ? 0.2 : 0);
		path = xasprintf("%s/%s", t->forvaltning, t->name);
		at = add_unit(g, path, forv, eff, dil, t->paper, cause);
		free(path);
		if (at < 0)
			return -1;
		if (t->teams && share[i] > TEAM_SPLIT) {
			long teams = (share[i] - 2 + TEAM_SIZE - 1) / TEAM_SIZE;
			long left = share[i] - 2;
			size_t parent = (size_t)at;

			g->units[parent].people = 2;
			for (long k = 0; k < teams; k++) {
				long size = left / (teams - k);
				long long team;

				path = xasprintf("%s/%s/Arbetslag %ld", t->forvaltning, t->name,
						 k + 1);
				team = add_unit(g, path, parent, eff + 0.15 * rng_normal(&g->rng),
						dil + 0.2 * rng_normal(&g->rng), t->paper, cause);
				free(path);
				if (team < 0)
					return -1;
				g->units[team].people = size;
				left -= size;
			}
		} else {
			g->units[at].people = share[i];
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ */
/* People                                                             */

static int insert_person(struct gen *g, struct gen_person *p, long number, bool admin, char **cause)
{
	sqlite3_stmt *st = store_stmt(
	    g->store,
	    "INSERT INTO person (employee_no, name, unit_id, role, active, created, left_at)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	    cause);
	char no[32], name[128], created[32], left[32];
	const char *first, *last;

	if (st == NULL)
		return -1;
	snprintf(no, sizeof(no), "7%06ld", number);
	/* Two draws in two statements: the order of arguments is unspecified. */
	first = first_names[rng_below(&g->rng, sizeof(first_names) / sizeof(*first_names))];
	last = last_names[rng_below(&g->rng, sizeof(last_names) / sizeof(*last_names))];
	snprintf(name, sizeof(name), "%s %s", first, last);
	gen_time((long long)p->joined * 86400 + 7 * 3600, created);
	store_bind_text(st, 1, no);
	store_bind_text(st, 2, name);
	sqlite3_bind_int64(st, 3, g->units[p->unit].id);
	store_bind_text(st, 4, admin ? "admin" : p->coordinator ? "coordinator" : "staff");
	sqlite3_bind_int(st, 5, p->left == INT_MAX);
	if (p->left != INT_MAX) {
		gen_time((long long)p->left * 86400 + 16 * 3600, left);
		store_bind_text(st, 7, left);
	}
	store_bind_text(st, 6, created);
	if (sqlite3_step(st) != SQLITE_DONE) {
		store_done(st);
		return store_fail(g->store, cause, "adding person");
	}
	store_done(st);
	p->id = sqlite3_last_insert_rowid(g->store->db);
	return 0;
}

static int build_people(struct gen *g, long active, long left, char **cause)
{
	long total = active + left, joiners = left;
	size_t *slots = xcalloc((size_t)total, sizeof(*slots));
	bool *leaves = xcalloc((size_t)total, sizeof(*leaves));
	bool *coord_taken = xcalloc(g->n_units, sizeof(*coord_taken));
	long n = 0, admins = 0;
	int rc = -1;

	for (size_t u = 0; u < g->n_units; u++)
		for (long k = 0; k < g->units[u].people && n < total; k++)
			slots[n++] = u;
	/* Who leaves: a random set of slots, spread over the units. */
	for (long k = 0; k < left; k++) {
		long at;

		do
			at = (long)rng_below(&g->rng, (size_t)total);
		while (leaves[at]);
		leaves[at] = true;
	}
	g->people = xcalloc((size_t)total, sizeof(*g->people));
	g->n_people = (size_t)total;
	for (long i = 0; i < total; i++) {
		struct gen_person *p = &g->people[i];
		struct gen_unit *u = &g->units[slots[i]];
		bool admin = false;

		p->unit = slots[i];
		p->theta = u->effect + rng_normal(&g->rng);
		p->culture = 0.5 * p->theta + 0.3 * u->diligence + 0.7 * rng_normal(&g->rng);
		p->english = rng_unit(&g->rng) < 0.03;
		p->joined = g->start;
		p->left = INT_MAX;
		if (leaves[i]) {
			if (rng_unit(&g->rng) < 0.2)
				p->joined =
				    g->start +
				    (int)rng_below(&g->rng, (size_t)(g->today - g->start) / 2 + 1);
			p->left = p->joined + 90 +
				  (int)rng_below(&g->rng, (size_t)(g->today - p->joined) > 91
							      ? (size_t)(g->today - p->joined - 91)
							      : 1);
			if (p->left >= g->today)
				p->left = g->today - 1;
		} else if (joiners > 0 &&
			   rng_unit(&g->rng) < (double)left / (double)active * 1.05) {
			p->joined =
			    g->start + 1 + (int)rng_below(&g->rng, (size_t)(g->today - g->start));
			if (p->joined > g->today - 3)
				p->joined = g->today - 3;
			joiners--;
		}
		/* One coordinator per unit of some size; three admins at IT. */
		if (!leaves[i] && !coord_taken[p->unit] && u->people >= 8) {
			coord_taken[p->unit] = true;
			p->coordinator = true;
		}
		if (!leaves[i] && !p->coordinator && admins < 3 && strstr(u->path, "IT-enheten")) {
			admin = true;
			p->coordinator = true;
			admins++;
		}
		u->active += !leaves[i];
		g->stats->coordinators += p->coordinator;
		g->stats->people++;
		g->stats->left += leaves[i];
		if (insert_person(g, p, i + 1, admin, cause) < 0)
			goto cleanup;
	}
	rc = 0;
cleanup:
	free(slots);
	free(leaves);
	free(coord_taken);
	return rc;
}

/* ------------------------------------------------------------------ */
/* The run                                                            */

static int refuse_existing(struct gen *g, char **cause)
{
	sqlite3_stmt *st =
	    store_stmt(g->store,
		       "SELECT (SELECT count(*) FROM course WHERE NOT retired),"
		       " EXISTS (SELECT 1 FROM person WHERE employee_no = '7000001')",
		       cause);
	long long courses = 0, generated = 0;

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW) {
		courses = sqlite3_column_int64(st, 0);
		generated = sqlite3_column_int64(st, 1);
	}
	store_done(st);
	if (courses == 0) {
		*cause = xstrdup("the database has no courses: run 'vaksam content build' first");
		return -1;
	}
	if (generated) {
		*cause = xstrdup("the database already holds a generated organisation");
		return -1;
	}
	return 0;
}

/* Builds the bundled surveys when the database has none. */
static int ensure_survey(struct gen *g, char **cause)
{
	sqlite3_stmt *st = store_stmt(g->store, "SELECT count(*) FROM survey", cause);
	struct survey_def *defs = NULL;
	struct diag_list diags = DIAG_LIST_INIT;
	size_t n = 0;
	long long have = 0;
	int rc = 0;

	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		have = sqlite3_column_int64(st, 0);
	store_done(st);
	if (have || g->opt->survey_dir == NULL)
		return 0;
	if (survey_read_dir(g->opt->survey_dir, &defs, &n, &diags) == 0 && n)
		rc = survey_build(g->store, defs, n, cause);
	survey_defs_free(&defs, n);
	diag_list_release(&diags);
	return rc;
}

int generate_run(struct store *store, const struct generate_options *opt,
		 struct generate_stats *stats, char **cause)
{
	struct gen g;
	char *ignored = NULL;
	long left;
	int rc = -1;

	memset(&g, 0, sizeof(g));
	memset(stats, 0, sizeof(*stats));
	if (opt->staff < 1 || opt->staff > 1000000 || opt->years < 1 || opt->years > 20) {
		*cause = xstrdup("staff must be 1-1000000 and years 1-20");
		return -1;
	}
	g.store = store;
	g.opt = opt;
	g.stats = stats;
	rng_seed(&g.rng, opt->seed);
	g.today = day_today();
	g.start = day_add_months(g.today, -12 * opt->years);
	g.k = suppress_threshold(store);
	if (ensure_survey(&g, cause) < 0)
		return -1;
	/* One large transaction: a bigger page cache keeps it off the disk. */
	if (store_exec(store, "PRAGMA cache_size = -131072", cause) < 0 ||
	    store_begin(store, cause) < 0)
		return -1;
	if (refuse_existing(&g, cause) < 0 || gen_load_courses(&g, cause) < 0)
		goto cleanup;
	/* About 7% of the staff leave each year; as many join. */
	left = (long)floor((double)opt->staff * 0.07 * opt->years + 0.5);
	if (left > opt->staff / 2)
		left = opt->staff / 2;
	if (build_units(&g, opt->staff + left, cause) < 0 ||
	    build_people(&g, opt->staff, left, cause) < 0 || gen_history(&g, cause) < 0 ||
	    gen_surveys(&g, cause) < 0 || store_commit(store, cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	if (rc < 0)
		store_rollback(store);
	store_exec(store, "PRAGMA cache_size = -2000", &ignored);
	free(ignored);
	gen_free_courses(&g);
	for (size_t i = 0; i < g.n_units; i++)
		free(g.units[i].path);
	free(g.units);
	free(g.people);
	return rc;
}
