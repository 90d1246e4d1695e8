/*
 * The management-review appendix (bilaga till ledningens genomgång) as PDF:
 * a summary page with the headline figures and their change, then the
 * chart pages (report_charts.c), then a method page that says how every
 * figure is computed and how small groups are protected. Every figure comes
 * from the same measure structs as the CSV exports, formatted the same way,
 * so each one can be found in a CSV row (the method page says which).
 */
#include "reports/report.h"

#include <math.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/day.h"
#include "core/store.h"
#include "core/strbuf.h"
#include "core/suppress.h"
#include "core/xmalloc.h"
#include "reports/doc.h"
#include "reports/report_pdf_internal.h"

#define TITLE "Informationssäkerhet – kunskap, genomförande och kultur"

/* ------------------------------------------------------------------ */
/* Page helpers                                                       */

void rp_page(struct rp *rp)
{
	char right[160];

	pdf_page_add(rp->pdf);
	snprintf(right, sizeof(right), "Bilaga till ledningens genomgång");
	doc_head(rp->pdf, rp->organisation, right);
	rp->y = DOC_BODY_TOP;
}

void rp_need(struct rp *rp, double h)
{
	if (rp->y + h > DOC_BODY_BOTTOM)
		rp_page(rp);
}

void rp_heading(struct rp *rp, const char *text, bool first)
{
	if (first)
		rp_page(rp);
	else
		rp_need(rp, 60);
	pdf_text(rp->pdf, PDF_BOLD, 15, DOC_MARGIN, rp->y, 0, PDF_LEFT, text);
	rp->y += 26;
}

void rp_text(struct rp *rp, enum pdf_font font, double size, double indent, const char *text,
	     double space_after)
{
	struct pdf_layout layout = {0};
	size_t i = 0;

	pdf_layout_text(rp->pdf, font, text, size, size * 1.35, DOC_WIDTH - indent, &layout);
	while (i < layout.n_lines) {
		size_t fit = 0;

		rp_need(rp, layout.leading);
		while (i + fit < layout.n_lines &&
		       rp->y + (double)(fit + 1) * layout.leading <= DOC_BODY_BOTTOM)
			fit++;
		pdf_layout_draw(rp->pdf, &layout, i, i + fit, DOC_MARGIN + indent, rp->y, PDF_LEFT,
				DOC_WIDTH - indent);
		rp->y += (double)fit * layout.leading;
		i += fit;
	}
	rp->y += space_after;
	pdf_layout_release(&layout);
}

char *rp_fit(struct rp *rp, enum pdf_font font, double size, const char *text, double width)
{
	size_t len = strlen(text);
	struct strbuf sb = STRBUF_INIT;

	if (pdf_text_width(rp->pdf, font, size, text, len) <= width)
		return xstrdup(text);
	/* Shorten by whole UTF-8 characters until "…" fits. */
	while (len > 0) {
		do
			len--;
		while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80);
		strbuf_reset(&sb);
		strbuf_add(&sb, text, len);
		strbuf_addstr(&sb, "…");
		if (pdf_text_width(rp->pdf, font, size, sb.buf, sb.len) <= width)
			break;
	}
	return strbuf_detach(&sb);
}

bool rp_unit_shown(const struct rp *rp, size_t r)
{
	return rp->comp.units && r < rp->comp.n_units && rp->comp.units[r].depth <= rp->max_depth;
}

const char *rp_cell_text(const struct rp *rp, double v, enum suppress_state s, int decimals,
			 char *buf, size_t size)
{
	if (s != SUPPRESS_SHOWN)
		return report_hidden_sv(s, rp->scope.k, buf, size);
	if (isnan(v)) {
		snprintf(buf, size, "–");
		return buf;
	}
	return report_number(v, decimals, ',', buf, size);
}

/* "16 november 2024" */
static const char *date_sv(int day, char *buf, size_t size)
{
	char iso[DAY_ISO_SIZE];

	return doc_date_sv(day_format(day, iso), buf, size);
}

/* "+3,1 procentenheter mot föregående period" (unit and against name the
 * difference and what it is against), or a note why there is none. */
static void change_text(double now, enum suppress_state s_now, double before,
			enum suppress_state s_before, const char *unit, const char *against,
			int decimals, char *buf, size_t size)
{
	char num[48];
	double d;

	if (s_now != SUPPRESS_SHOWN || s_before != SUPPRESS_SHOWN || isnan(now) || isnan(before)) {
		snprintf(buf, size, "ingen jämförelse med %s", against);
		return;
	}
	d = now - before;
	if (fabs(d) < 0.5 * pow(10, -decimals)) {
		snprintf(buf, size, "oförändrat mot %s", against);
		return;
	}
	snprintf(buf, size, "%s%s%s%s mot %s", d > 0 ? "+" : "−",
		 report_number(fabs(d), decimals, ',', num, sizeof(num)), *unit ? " " : "", unit,
		 against);
}

/* A box with a label, a large figure and two lines of notes. */
static void headline(struct rp *rp, double x, double y, double w, const char *label,
		     const char *value, const char *note1, const char *note2)
{
	pdf_rect(rp->pdf, x, y, w, 84, 0.6, 0.45);
	pdf_text(rp->pdf, PDF_BOLD, 9.5, x + 9, y + 8, w - 18, PDF_LEFT, label);
	pdf_text(rp->pdf, PDF_BOLD, 21, x + 9, y + 24, w - 18, PDF_LEFT, value);
	if (note1)
		pdf_text(rp->pdf, PDF_REGULAR, 8.5, x + 9, y + 52, w - 18, PDF_LEFT, note1);
	if (note2)
		pdf_text(rp->pdf, PDF_REGULAR, 8.5, x + 9, y + 65, w - 18, PDF_LEFT, note2);
}

/* ------------------------------------------------------------------ */
/* The summary                                                        */

static void summary_boxes(struct rp *rp)
{
	double w = (DOC_WIDTH - 12) / 2, x0 = DOC_MARGIN, x1 = DOC_MARGIN + w + 12;
	size_t ccols = rp->comp.n_courses + 1, lcols = rp->lev.n_topics + 1;
	const struct measure_completion_cell *c = &rp->comp.cells[ccols - 1];
	const struct measure_completion_cell *cp = &rp->comp.prev_cells[ccols - 1];
	const struct measure_cell *l = &rp->lev.cells[lcols - 1];
	const struct measure_cell *lp = &rp->lev.prev_cells[lcols - 1];
	const struct measure_gain_cell *g = &rp->gains.total;
	char v[64], n1[160], n2[160], a[48], b[48];

	/* 1. Completion of the all-staff courses. */
	rp_cell_text(rp, c->share, c->state, 1, a, sizeof(a));
	snprintf(v, sizeof(v), "%s%s", a,
		 c->state == SUPPRESS_SHOWN && !isnan(c->share) ? " %" : "");
	if (c->state == SUPPRESS_SHOWN)
		snprintf(n1, sizeof(n1), "%ld av %ld tilldelade kurser genomförda", c->passed,
			 c->assigned);
	else
		n1[0] = '\0';
	change_text(c->share, c->state, cp->share, cp->state, "procentenheter", "föregående period",
		    1, n2, sizeof(n2));
	headline(rp, x0, rp->y, w, "Genomförda medarbetarkurser", v, n1, n2);

	/* 2. Overdue. */
	if (c->state == SUPPRESS_SHOWN) {
		snprintf(v, sizeof(v), "%ld", c->overdue);
		snprintf(n1, sizeof(n1), "kurser försenade, varav %ld repetitioner",
			 c->refresh_due);
		if (cp->state == SUPPRESS_SHOWN)
			snprintf(n2, sizeof(n2), "dagen före perioden: %ld", cp->overdue);
		else
			snprintf(n2, sizeof(n2), "ingen jämförelse med föregående period");
	} else {
		rp_cell_text(rp, NAN, c->state, 0, v, sizeof(v));
		n1[0] = n2[0] = '\0';
	}
	headline(rp, x1, rp->y, w, "Försenade kurser", v, n1, n2);
	rp->y += 96;

	/* 3. Level. */
	rp_cell_text(rp, l->value, l->state, 1, a, sizeof(a));
	snprintf(v, sizeof(v), "%s%s", a,
		 l->state == SUPPRESS_SHOWN && !isnan(l->value) ? " %" : "");
	if (l->state == SUPPRESS_SHOWN)
		snprintf(n1, sizeof(n1), "rätt svar, %ld personer, senaste 12 månaderna", l->n);
	else
		n1[0] = '\0';
	change_text(l->value, l->state, lp->value, lp->state, "procentenheter", "föregående period",
		    1, n2, sizeof(n2));
	headline(rp, x0, rp->y, w, "Kunskapsnivå", v, n1, n2);

	/* 4. Gain. */
	if (g->state == SUPPRESS_SHOWN && !isnan(g->gain)) {
		snprintf(v, sizeof(v), "g = %s", report_number(g->gain, 2, ',', a, sizeof(a)));
		snprintf(n1, sizeof(n1), "förtest %s %% → kursquiz %s %%",
			 report_number(g->pre, 1, ',', a, sizeof(a)),
			 report_number(g->post, 1, ',', b, sizeof(b)));
		snprintf(n2, sizeof(n2), "%ld personer gjorde både förtest och quiz", g->n);
	} else {
		rp_cell_text(rp, NAN, g->state, 0, v, sizeof(v));
		snprintf(n1, sizeof(n1), "normaliserad förbättring i kurserna");
		n2[0] = '\0';
	}
	headline(rp, x1, rp->y, w, "Effekt av kurserna", v, n1, n2);
	rp->y += 96;

	/* 5. Culture. */
	if (rp->has_survey) {
		const struct survey_cell *s = &rp->survey.cells[0];
		const struct survey_cell *sp = &rp->survey.prev_cells[0];

		rp_cell_text(rp, s->mean, s->state, 2, a, sizeof(a));
		snprintf(v, sizeof(v), "%s%s", a, s->state == SUPPRESS_SHOWN ? " av 5" : "");
		snprintf(n1, sizeof(n1), "omgång %s: %ld av %ld svarade (%s %%)",
			 rp->survey.round.name, rp->survey.participants, rp->survey.active,
			 report_number(rp->survey.active
					   ? 100.0 * rp->survey.participants / rp->survey.active
					   : NAN,
				       1, ',', b, sizeof(b)));
		if (rp->survey.has_prev) {
			char against[64];

			snprintf(against, sizeof(against), "omgång %s", rp->survey.prev.name);
			change_text(s->mean, s->state, sp->mean, sp->state, "", against, 2, n2,
				    sizeof(n2));
		} else {
			snprintf(n2, sizeof(n2), "första omgången");
		}
		headline(rp, x0, rp->y, w, "Säkerhetskultur (enkät)", v, n1, n2);
	} else {
		headline(rp, x0, rp->y, w, "Säkerhetskultur (enkät)", "–", "ingen enkätomgång ännu",
			 NULL);
	}

	/* 6. Questions to review. */
	snprintf(v, sizeof(v), "%zu", rp_flagged_items(rp));
	headline(rp, x1, rp->y, w, "Frågor att se över", v, "för lätta, för svåra eller",
		 "skiljer dåligt mellan kunniga och andra");
	rp->y += 104;
}

/* Sentences with what stands out; only shown figures are named. */
static void summary_points(struct rp *rp)
{
	size_t ccols = rp->comp.n_courses + 1;
	size_t best = SIZE_MAX, worst = SIZE_MAX, low[3] = {SIZE_MAX, SIZE_MAX, SIZE_MAX};
	char a[48], line[512];

	pdf_text(rp->pdf, PDF_BOLD, 11, DOC_MARGIN, rp->y, 0, PDF_LEFT, "Det här syns");
	rp->y += 18;
	for (size_t t = 0; t < rp->lev.n_topics; t++) {
		const struct measure_cell *c = &rp->lev.cells[t];

		if (c->state != SUPPRESS_SHOWN || isnan(c->value))
			continue;
		if (best == SIZE_MAX || c->value > rp->lev.cells[best].value)
			best = t;
		if (worst == SIZE_MAX || c->value < rp->lev.cells[worst].value)
			worst = t;
	}
	if (best != SIZE_MAX && worst != best) {
		char b[48];

		snprintf(line, sizeof(line),
			 "• Högst kunskapsnivå i %s (%s %%), lägst i %s (%s %%).",
			 rp->lev.topics[best].name_sv,
			 report_number(rp->lev.cells[best].value, 1, ',', a, sizeof(a)),
			 rp->lev.topics[worst].name_sv,
			 report_number(rp->lev.cells[worst].value, 1, ',', b, sizeof(b)));
		rp_text(rp, PDF_REGULAR, 10, 0, line, 4);
	}
	/* The three units (below the top row) with the lowest completion. */
	for (size_t r = 1; r < rp->comp.n_units; r++) {
		const struct measure_completion_cell *c = &rp->comp.cells[r * ccols + ccols - 1];

		if (!rp_unit_shown(rp, r) || c->state != SUPPRESS_SHOWN || isnan(c->share))
			continue;
		for (int i = 0; i < 3; i++) {
			if (low[i] == SIZE_MAX ||
			    c->share < rp->comp.cells[low[i] * ccols + ccols - 1].share) {
				for (int j = 2; j > i; j--)
					low[j] = low[j - 1];
				low[i] = r;
				break;
			}
		}
	}
	if (low[0] != SIZE_MAX) {
		struct strbuf sb = STRBUF_INIT;

		strbuf_addstr(&sb, "• Lägst genomförande: ");
		for (int i = 0; i < 3 && low[i] != SIZE_MAX; i++)
			strbuf_addf(&sb, "%s%s (%s %%)", i ? ", " : "", rp->comp.units[low[i]].path,
				    report_number(rp->comp.cells[low[i] * ccols + ccols - 1].share,
						  1, ',', a, sizeof(a)));
		strbuf_addch(&sb, '.');
		rp_text(rp, PDF_REGULAR, 10, 0, sb.buf, 4);
		strbuf_release(&sb);
	}
	if (rp->has_survey) {
		size_t lowest = SIZE_MAX;

		for (size_t s = 1 + SURVEY_DIMENSION_COUNT; s < SURVEY_N_SCALES; s++) {
			const struct survey_cell *c = &rp->survey.cells[s];

			if (c->state == SUPPRESS_SHOWN && !isnan(c->mean) &&
			    (lowest == SIZE_MAX || c->mean < rp->survey.cells[lowest].mean))
				lowest = s;
		}
		if (lowest != SIZE_MAX) {
			snprintf(
			    line, sizeof(line),
			    "• Svagast säkerhetskultur inom %s (%s av 5 i enkäten).",
			    survey_scale_name_sv(lowest),
			    report_number(rp->survey.cells[lowest].mean, 2, ',', a, sizeof(a)));
			rp_text(rp, PDF_REGULAR, 10, 0, line, 4);
		}
	}
	snprintf(line, sizeof(line),
		 "• Uppgifter om grupper med färre än %ld personer visas inte (\"färre än %ld\"), "
		 "och en uppgift som skulle avslöja en sådan grupp döljs också (\"dold\"). "
		 "Se metodsidan.",
		 rp->scope.k, rp->scope.k);
	rp_text(rp, PDF_REGULAR, 10, 0, line, 4);
}

static void summary_page(struct rp *rp)
{
	char from[40], to[40], pfrom[40], pto[40], today[40], line[400];

	rp_page(rp);
	rp_text(rp, PDF_BOLD, 18, 0, TITLE, 8);
	snprintf(line, sizeof(line), "Bilaga till ledningens genomgång – %s", rp->organisation);
	rp_text(rp, PDF_REGULAR, 12, 0, line, 2);
	date_sv(rp->scope.from_day, from, sizeof(from));
	date_sv(rp->scope.to_day, to, sizeof(to));
	date_sv(rp->lev.previous.from_day, pfrom, sizeof(pfrom));
	date_sv(rp->lev.previous.to_day, pto, sizeof(pto));
	snprintf(line, sizeof(line), "Omfattning: %s. Period: %s – %s, jämförd med %s – %s.",
		 rp->scope_name, from, to, pfrom, pto);
	rp_text(rp, PDF_REGULAR, 10, 0, line, 2);
	snprintf(line, sizeof(line),
		 "Sammanställd %s ur vaksam. Siffrorna finns också som CSV "
		 "(vaksam report csv), se metodsidan.",
		 date_sv(day_today(), today, sizeof(today)));
	rp_text(rp, PDF_REGULAR, 10, 0, line, 14);
	summary_boxes(rp);
	summary_points(rp);
}

/* ------------------------------------------------------------------ */
/* The method page                                                    */

static void method_page(struct rp *rp)
{
	char buf[1400];
	static const char *const parts[] = {
	    "Genomförande. Alla kurser för alla medarbetare tilldelas alla anställda och "
	    "samordnarprogrammet samordnare och administratörer, med sista dag det antal dagar "
	    "kursen anger (normalt 60) efter anställningen eller kursens start; enskilda "
	    "tilldelningar görs med vaksam assign. Andelen genomförda är andelen tilldelade "
	    "kurser som personer anställda den dagen har klarat (kiosk eller papper, svensk "
	    "eller engelsk version). Försenad är en kurs som inte är klarad när sista dagen har "
	    "passerat, eller en klarad kurs vars repetition har förfallit (normalt efter 12 "
	    "månader). Totalen räknar medarbetarkurserna; samordnarprogrammet redovisas per kurs. "
	    "CSV: completion.",
	    "Kunskapsnivå. För varje person och ämne: andelen rätt på personens senaste svar "
	    "på varje fråga i ämnet under de 12 månaderna, från förtest, kursquiz och "
	    "repetitioner, i kiosken och på papper. En enhets nivå är medelvärdet över "
	    "personerna i enheten och enheterna under den (deras nuvarande enhet); ett anonymt "
	    "pappersquiz räknas som en person. Kvartalsvärdena är samma mått för 12 månader "
	    "bakåt från varje kvartals slut. CSV: levels.",
	    "Effekt av kurserna. För dem vars första kursquiz ligger i perioden och som gjort "
	    "kursens förtest före det: medelvärdet på förtestet och på quizet, och den "
	    "normaliserade förbättringen g = (quiz − förtest) / (100 − förtest), räknad på "
	    "medelvärdena (Hake). g = 0,5 betyder att hälften av det som saknades före kursen "
	    "har lärts in. CSV: gains (kurs \"all\" är summan).",
	    "Säkerhetskultur. Enkäten har påståenden om lösenord, e-post och länkar, "
	    "informationshantering, mobilt arbete och incidentrapportering, var och ett om "
	    "kunskap, attityd eller beteende (samma uppbyggnad som HAIS-Q). Svaren 1–5 räknas "
	    "om så att 5 alltid är det säkra svaret (negativt formulerade påståenden vänds). En "
	    "svarandes värde på en skala är medelvärdet av svaren där; enhetens värde är "
	    "medelvärdet över svaren som sparats på enheten och under den. Andel positiva är "
	    "andelen svar 4 eller 5. Svaren sparas utan namn, tid och ordning, på minsta enhet "
	    "med minst så många personer och svarande som gränsen för små grupper, annars på "
	    "hela organisationen. CSV: survey.",
	    "Frågor att se över. Frågeanalys som Moodles quizstatistik: varje persons första "
	    "kursquiz under perioden. Lätthet är medelpoängen i procent, diskriminering är "
	    "100 gånger korrelationen mellan frågan och resten av quizet, och Cronbachs alfa "
	    "visar hur väl frågorna mäter samma sak. En fråga flaggas, när minst 10 har svarat, "
	    "om lättheten är över 95 % eller under 20 %, eller om diskrimineringen är under 20 "
	    "(negativ: rätt svar kan vara fel angivet). CSV: items; vaksam report items KURS.",
	};

	rp_heading(rp, "Metod", true);
	for (size_t i = 0; i < sizeof(parts) / sizeof(*parts); i++)
		rp_text(rp, PDF_REGULAR, 9.5, 0, parts[i], 7);
	snprintf(
	    buf, sizeof(buf),
	    "Små grupper. Ingen uppgift per enhet bygger på färre än %ld personer (inställningen "
	    "small_group, aldrig under 3); där står \"färre än %ld\", och i CSV en tom cell med "
	    "suppressed = 1. Ingen dold uppgift ska heller gå att räkna fram ur de som visas: om "
	    "en enhets uppgift minus dess visade underenheter skulle beskriva färre än %ld "
	    "personer döljs också den minsta visade underenheten (\"dold\"), allt under en dold "
	    "enhet döljs, och en total döljs om den minus de visade kurserna skulle avslöja en "
	    "dold kurs. Antalet personer bakom varje uppgift står i CSV-filerna.",
	    rp->scope.k, rp->scope.k, rp->scope.k);
	rp_text(rp, PDF_REGULAR, 9.5, 0, buf, 7);
	rp_text(rp, PDF_REGULAR, 9.5, 0,
		"Spårbarhet. Varje siffra i bilagan är en rad i någon av CSV-exporterna med samma "
		"period och enhet: vaksam report csv completion|levels|gains|items|survey, med "
		"--unit, --from och --to som här. Underlaget per svar (utan personuppgifter, med "
		"enheten avrundad uppåt till minst gränsen för små grupper) ges av vaksam report "
		"csv responses.",
		7);
}

/* ------------------------------------------------------------------ */
/* The document                                                       */

/* What the second thread reads: gains, the survey and the item analysis. */
struct gather_part {
	struct rp *rp;
	struct store *store; /* borrowed: the twin connection */
	char *cause;         /* owned; set when rc < 0 */
	int rc;
};

static int gather_second(struct rp *rp, struct store *store, char **cause)
{
	struct measure_course *courses = NULL;
	size_t n = 0;
	int found, rc = -1;

	if (measure_gains(store, &rp->scope, &rp->gains, cause) < 0)
		goto cleanup;
	found = survey_results(store, rp->scope.unit_id, NULL, rp->scope.k, &rp->survey, cause);
	if (found < 0)
		goto cleanup;
	if (found > 0) {
		free(*cause);
		*cause = NULL;
	}
	rp->has_survey = found == 0;
	/* Item analysis is about the questions, over everyone. */
	if (measure_courses(store, &courses, &n, cause) < 0)
		goto cleanup;
	rp->items = xcalloc(n ? n : 1, sizeof(*rp->items));
	for (size_t i = 0; i < n; i++) {
		if (itemstats_course(store, courses[i].slug, rp->scope.from_day, rp->scope.to_day,
				     &rp->items[rp->n_items], cause) != 0)
			goto cleanup;
		rp->n_items++;
	}
	rc = 0;
cleanup:
	measure_courses_free(&courses, n);
	return rc;
}

static void *gather_thread(void *arg)
{
	struct gather_part *part = arg;

	part->rc = gather_second(part->rp, part->store, &part->cause);
	return NULL;
}

/*
 * Reads every figure of the report from one snapshot, so they agree with
 * each other while kiosks write. The reading is most of the report's time
 * and its parts are independent, so a second connection on the same
 * snapshot (store_read_twin) reads gains, survey and items in a second
 * thread while this one reads completion and levels: on two cores about
 * half the wall time (BENCHMARKS.md). The two threads share nothing but
 * rp, whose fields they fill are disjoint. Without a twin or a thread, one
 * thread reads everything from one snapshot as before.
 */
static int gather(struct rp *rp, char **cause)
{
	struct store *twin = NULL;
	struct gather_part part = {rp, NULL, NULL, 0};
	pthread_t thread;
	bool threaded = false;
	int rc = -1;

	if (store_read_twin(rp->store, &twin, &part.cause) == 0) {
		part.store = twin;
		threaded = pthread_create(&thread, NULL, gather_thread, &part) == 0;
	}
	free(part.cause);
	part.cause = NULL;
	if (!threaded) {
		store_read_end(rp->store);
		if (measure_snapshot_begin(rp->store, cause) < 0)
			goto cleanup;
	}
	if (measure_completion(rp->store, &rp->scope, &rp->comp, cause) == 0 &&
	    measure_levels(rp->store, &rp->scope, &rp->lev, cause) == 0)
		rc = 0;
	if (threaded) {
		pthread_join(thread, NULL);
	} else if (rc == 0) {
		part.rc = gather_second(rp, rp->store, &part.cause);
	}
	if (rc == 0 && part.rc < 0) {
		*cause = part.cause;
		part.cause = NULL;
		rc = -1;
	}
cleanup:
	free(part.cause);
	/* Ends this thread's snapshot, whichever way it began. */
	store_read_end(rp->store);
	store_read_end(twin);
	store_close(&twin);
	return rc;
}

static void release(struct rp *rp)
{
	pdf_free(&rp->pdf);
	free(rp->organisation);
	free(rp->scope_name);
	measure_completion_release(&rp->comp);
	measure_levels_release(&rp->lev);
	measure_gains_release(&rp->gains);
	if (rp->has_survey)
		survey_results_release(&rp->survey);
	for (size_t i = 0; i < rp->n_items; i++)
		itemstats_report_release(&rp->items[i]);
	free(rp->items);
}

int report_pdf(struct store *store, const struct report_pdf_options *opt, char **cause)
{
	struct rp rp;
	struct pdf_meta meta;
	char subject[200];
	size_t pages;
	int rc = -1;

	memset(&rp, 0, sizeof(rp));
	rp.store = store;
	rp.scope.unit_id = opt->unit_id;
	rp.scope.from_day = opt->from_day;
	rp.scope.to_day = opt->to_day;
	rp.scope.k = suppress_threshold(store);
	rp.organisation = doc_organisation(store);
	rp.rc.organisation = rp.organisation;
	rp.rc.k = rp.scope.k;
	rp.max_depth = 2;
	if (gather(&rp, cause) < 0)
		goto cleanup;
	rp.scope_name =
	    opt->unit_id ? xstrdup(rp.comp.units[0].path) : xstrdup("hela organisationen");
	snprintf(subject, sizeof(subject), "Kunskap, genomförande och säkerhetskultur, %s",
		 rp.scope_name);
	meta.title = TITLE;
	meta.author = rp.organisation;
	meta.subject = subject;
	meta.created = store_time();
	if (pdf_new(&meta, &rp.pdf, cause) < 0)
		goto cleanup;
	summary_page(&rp);
	rp_completion_page(&rp);
	rp_levels_page(&rp);
	rp_trend_page(&rp);
	rp_gains_page(&rp);
	rp_survey_page(&rp);
	rp_items_page(&rp);
	method_page(&rp);
	pages = pdf_page_count(rp.pdf);
	for (size_t i = 0; i < pages; i++) {
		char left[200], right[64];

		pdf_page_select(rp.pdf, i);
		snprintf(left, sizeof(left), "%s – %s", rp.organisation, rp.scope_name);
		snprintf(right, sizeof(right), "Sida %zu av %zu", i + 1, pages);
		doc_foot(rp.pdf, left, right);
	}
	if (pdf_write(rp.pdf, opt->path, cause) < 0)
		goto cleanup;
	rc = 0;
cleanup:
	release(&rp);
	return rc;
}
