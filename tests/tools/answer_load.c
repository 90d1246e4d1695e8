/*
 * answer_load: answers quiz questions through the same core path the kiosk
 * uses (core/attempt.h: attempt_start, which resumes an open attempt;
 * attempt_answer, one BEGIN IMMEDIATE transaction per answer; attempt_finish),
 * as fast as it can, for the crash and concurrency tests and the answer
 * latency benchmark. It is not part of vaksam; tests/tools/answer_load.sh
 * builds it against the objects of a vaksam build.
 *
 * Usage: answer_load --db FILE --employee NO --answers N [--course SLUG]
 *                    [--seed S] [--latency FILE] [--start-at MS] [--think-us US]
 *                    [--hang-after N]
 *
 * For each answer committed, and only after attempt_answer() has returned,
 * one line "ACK ATTEMPT POSITION VERSION" goes to stdout with a single
 * write(2) (no stdio buffer), so a process killed with SIGKILL has printed
 * exactly the answers that a kiosk would have acknowledged on screen. Other
 * lines: "DUP ..." (the question was already answered: the first answer
 * stands), "ERR ATTEMPT POSITION message" (what a kiosk user would see),
 * "FIN ATTEMPT SCORE" (an attempt finished), and at the end
 * "DONE answers=N errors=N dups=N finished=N p50_us=N p99_us=N max_us=N".
 * --latency FILE appends the microseconds of every attempt_answer() call,
 * one a line. --start-at MS waits, once everything is loaded, until that
 * wall-clock time (milliseconds since the epoch), so that many processes
 * start answering together; --think-us US pauses that long before each
 * answer (a person reading); --hang-after N stops for good right after the
 * Nth "ACK" (a person walking away), so that a test can kill it at a known
 * point. Exits 0 when every answer was committed, 1 otherwise.
 *
 * A person answers the all-staff courses in turn (or --course only): the
 * open kiosk attempt of the course is resumed where it stopped, like a kiosk
 * after a lost session; a finished one is followed by a new attempt.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/attempt.h"
#include "core/catalog.h"
#include "core/person.h"
#include "core/question.h"
#include "core/store.h"
#include "core/xmalloc.h"

struct options {
	const char *db;
	const char *employee;
	const char *course;
	const char *latency;
	long answers;
	unsigned seed;
	long long start_at_ms; /* 0: at once */
	long think_us;
	long hang_after; /* 0: never */
};

struct counts {
	long answers, errors, dups, finished;
	long *lat_us; /* owned, answers + errors entries */
	size_t n_lat, alloc_lat;
};

/* A question version loaded once. */
struct qcache {
	long long version_id;
	struct question q; /* owned */
};

static struct qcache *cache;
static size_t n_cache;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* One line to stdout in one write(2): nothing waits in a buffer. */
static void say(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(buf))
		n = (int)sizeof(buf) - 1;
	while (write(STDOUT_FILENO, buf, (size_t)n) < 0 && errno == EINTR)
		;
}

static long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static const struct question *question_of(struct store *store, long long version_id,
					  char **cause)
{
	struct catalog_question cq = { 0 };
	int found;

	for (size_t i = 0; i < n_cache; i++)
		if (cache[i].version_id == version_id)
			return &cache[i].q;
	found = catalog_question_version(store, version_id, &cq, cause);
	if (found <= 0) {
		if (found == 0)
			*cause = xstrdup("a question of the attempt is missing");
		catalog_question_release(&cq);
		return NULL;
	}
	cache = xreallocarray(cache, n_cache + 1, sizeof(*cache));
	cache[n_cache].version_id = version_id;
	cache[n_cache].q = cq.q;
	memset(&cq.q, 0, sizeof(cq.q));
	catalog_question_release(&cq);
	return &cache[n_cache++].q;
}

/*
 * Makes up an answer as a person at the kiosk might give it (right about
 * two times in three) and returns its JSON (caller frees) and mark.
 */
static char *make_answer(const struct question *q, unsigned *seed, double *mark)
{
	size_t chosen[64];
	int match[64];
	struct question_response r = { 0 };
	char text[64];
	char *json;
	bool right = rand_r(seed) % 3 != 0;

	switch (q->type) {
	case QUESTION_SINGLE:
	case QUESTION_TRUEFALSE:
		chosen[0] = q->n_answers ? (size_t)rand_r(seed) % q->n_answers : 0;
		if (right)
			for (size_t k = 0; k < q->n_answers; k++)
				if (q->answers[k].fraction >= 1.0)
					chosen[0] = k;
		r.chosen = chosen;
		r.n_chosen = q->n_answers ? 1 : 0;
		break;
	case QUESTION_MULTI:
		for (size_t k = 0; k < q->n_answers && r.n_chosen < 64; k++)
			if (right ? q->answers[k].fraction > 0 : rand_r(seed) % 2 == 0)
				chosen[r.n_chosen++] = k;
		if (r.n_chosen == 0 && q->n_answers)
			chosen[r.n_chosen++] = 0;
		r.chosen = chosen;
		break;
	case QUESTION_MATCHING:
		for (size_t k = 0; k < q->n_pairs && k < 64; k++)
			match[k] = right ? (int)k : (int)((size_t)rand_r(seed) % q->n_pairs);
		r.match = match;
		r.n_match = q->n_pairs < 64 ? q->n_pairs : 64;
		break;
	case QUESTION_SHORTANSWER:
		r.text = right && q->n_answers ? q->answers[0].text : "vet inte";
		break;
	case QUESTION_NUMERICAL:
		if (right && q->n_numbers && q->numbers[0].has_range)
			snprintf(text, sizeof(text), "%.15g", q->numbers[0].min);
		else
			snprintf(text, sizeof(text), "%d", rand_r(seed) % 1000);
		r.text = text;
		break;
	case QUESTION_ESSAY:
	case QUESTION_DESCRIPTION:
		r.text = "Jag ringer IT-stöd och berättar för min chef – åäö.";
		break;
	}
	*mark = question_score(q, &r);
	json = attempt_answer_to_json(q, &r);
	return json;
}

static void lat_add(struct counts *c, long us)
{
	if (c->n_lat == c->alloc_lat) {
		c->alloc_lat = c->alloc_lat ? c->alloc_lat * 2 : 256;
		c->lat_us = xreallocarray(c->lat_us, c->alloc_lat, sizeof(long));
	}
	c->lat_us[c->n_lat++] = us;
}

static int cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* Answers the open questions of one attempt (resumed or new) until the
 * attempt is done or the answers are. Returns -1 on a store error that is
 * not an answer's (start, finish). */
static int run_attempt(struct store *store, long long person_id, long long course_id,
		       const struct options *opt, struct counts *c, unsigned *seed)
{
	struct attempt a = { 0 };
	struct attempt_response *resp = NULL;
	size_t n_resp = 0;
	bool *done = NULL;
	char *cause = NULL;
	int rc = -1;

	if (attempt_start(store, person_id, course_id, ATTEMPT_QUIZ, 0, &a, &cause) < 0) {
		say("ERR 0 0 starting: %s\n", cause);
		c->errors++;
		goto cleanup;
	}
	if (attempt_responses(store, a.id, &resp, &n_resp, &cause) < 0) {
		say("ERR %lld 0 reading answers: %s\n", a.id, cause);
		c->errors++;
		goto cleanup;
	}
	done = xcalloc(a.n_items ? a.n_items : 1, sizeof(bool));
	for (size_t i = 0; i < n_resp; i++)
		if (resp[i].position < a.n_items)
			done[resp[i].position] = true;
	for (size_t pos = 0; pos < a.n_items && c->answers < opt->answers; pos++) {
		const struct question *q;
		char *json;
		double mark;
		long long t0;
		int r;

		if (done[pos])
			continue;
		q = question_of(store, a.items[pos].version_id, &cause);
		if (q == NULL) {
			say("ERR %lld %zu %s\n", a.id, pos, cause);
			c->errors++;
			goto cleanup;
		}
		/* Descriptions have nothing to answer; the kiosk stores nothing. */
		if (q->type == QUESTION_DESCRIPTION)
			continue;
		json = make_answer(q, seed, &mark);
		if (opt->think_us > 0)
			usleep((useconds_t)opt->think_us);
		t0 = now_us();
		r = attempt_answer(store, a.id, pos, a.items[pos].version_id, json, mark, &cause);
		lat_add(c, (long)(now_us() - t0));
		free(json);
		if (r == 0) {
			c->answers++;
			say("ACK %lld %zu %lld\n", a.id, pos, a.items[pos].version_id);
			if (opt->hang_after > 0 && c->answers == opt->hang_after)
				for (;;)
					pause();
		} else if (r == 1) {
			c->dups++;
			say("DUP %lld %zu %lld\n", a.id, pos, a.items[pos].version_id);
		} else {
			c->errors++;
			say("ERR %lld %zu %s\n", a.id, pos, cause);
			free(cause);
			cause = NULL;
		}
		done[pos] = true;
	}
	{
		bool all = true;

		for (size_t pos = 0; pos < a.n_items; pos++) {
			const struct question *q;

			if (done[pos])
				continue;
			q = question_of(store, a.items[pos].version_id, &cause);
			if (q == NULL || q->type != QUESTION_DESCRIPTION) {
				free(cause);
				cause = NULL;
				all = false;
			}
		}
		if (all) {
			if (attempt_finish(store, &a, &cause) < 0) {
				say("ERR %lld 0 finishing: %s\n", a.id, cause);
				c->errors++;
				goto cleanup;
			}
			c->finished++;
			say("FIN %lld %.2f\n", a.id, a.score);
		}
	}
	rc = 0;
cleanup:
	free(cause);
	free(done);
	attempt_responses_free(&resp, n_resp);
	attempt_release(&a);
	return rc;
}

static void usage(void)
{
	fprintf(stderr, "usage: answer_load --db FILE --employee NO --answers N [--course SLUG]"
			" [--seed S] [--latency FILE] [--start-at MS] [--think-us US]"
			" [--hang-after N]\n");
	exit(2);
}

static void parse_args(int argc, char **argv, struct options *opt)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "employee", required_argument, NULL, 'e' },
		{ "answers", required_argument, NULL, 'n' },
		{ "course", required_argument, NULL, 'c' },
		{ "seed", required_argument, NULL, 's' },
		{ "latency", required_argument, NULL, 'l' },
		{ "start-at", required_argument, NULL, 'a' },
		{ "think-us", required_argument, NULL, 't' },
		{ "hang-after", required_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ch;

	memset(opt, 0, sizeof(*opt));
	opt->answers = 200;
	opt->seed = (unsigned)getpid();
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'd':
			opt->db = optarg;
			break;
		case 'e':
			opt->employee = optarg;
			break;
		case 'n':
			opt->answers = strtol(optarg, NULL, 10);
			break;
		case 'c':
			opt->course = optarg;
			break;
		case 's':
			opt->seed = (unsigned)strtoul(optarg, NULL, 10);
			break;
		case 'l':
			opt->latency = optarg;
			break;
		case 'a':
			opt->start_at_ms = strtoll(optarg, NULL, 10);
			break;
		case 't':
			opt->think_us = strtol(optarg, NULL, 10);
			break;
		case 'h':
			opt->hang_after = strtol(optarg, NULL, 10);
			break;
		default:
			usage();
		}
	}
	if (opt->db == NULL || opt->employee == NULL || opt->answers < 1 || optind != argc)
		usage();
}

int main(int argc, char **argv)
{
	struct options opt;
	struct counts c = { 0 };
	struct store *store = NULL;
	struct person p = { 0 };
	struct catalog_courses courses = { 0 };
	long long *ids = NULL;
	size_t n_ids = 0;
	char *cause = NULL;
	unsigned seed;
	int rc = 1;
	long stalls = 0;

	parse_args(argc, argv, &opt);
	seed = opt.seed;
	if (store_open(opt.db, STORE_OPEN_EXISTING, &store, &cause) < 0) {
		say("ERR 0 0 opening: %s\n", cause);
		goto cleanup;
	}
	if (person_find(store, opt.employee, &p, &cause) != 1) {
		say("ERR 0 0 no person %s: %s\n", opt.employee, cause ? cause : "not found");
		goto cleanup;
	}
	if (catalog_courses_load(store, &courses, &cause) < 0) {
		say("ERR 0 0 courses: %s\n", cause);
		goto cleanup;
	}
	ids = xcalloc(courses.n ? courses.n : 1, sizeof(*ids));
	for (size_t i = 0; i < courses.n; i++) {
		const struct catalog_course *cc = &courses.items[i];

		if (opt.course ? strcmp(cc->slug, opt.course) == 0
			       : strcmp(cc->audience, "all") == 0 && cc->translation_of == NULL)
			ids[n_ids++] = cc->id;
	}
	if (n_ids == 0) {
		say("ERR 0 0 no course to answer\n");
		goto cleanup;
	}
	if (opt.start_at_ms > 0) {
		struct timespec ts;
		long long wait_ms;

		clock_gettime(CLOCK_REALTIME, &ts);
		wait_ms = opt.start_at_ms - ((long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
		if (wait_ms > 0 && wait_ms < 600000)
			usleep((useconds_t)(wait_ms * 1000));
	}
	/* Start at a course of its own, so that parallel people spread out. */
	for (size_t k = seed % n_ids; c.answers < opt.answers; k = (k + 1) % n_ids) {
		long before = c.answers + c.errors + c.dups;

		if (run_attempt(store, p.id, ids[k], &opt, &c, &seed) < 0 && c.errors > 100)
			break;
		/* A course without anything to answer must not spin forever. */
		stalls = c.answers + c.errors + c.dups == before ? stalls + 1 : 0;
		if (stalls > (long)n_ids * 2)
			break;
	}
	rc = c.errors == 0 && c.answers >= opt.answers ? 0 : 1;
cleanup:
	if (c.n_lat) {
		long *sorted = xreallocarray(NULL, c.n_lat, sizeof(long));

		memcpy(sorted, c.lat_us, c.n_lat * sizeof(long));
		qsort(sorted, c.n_lat, sizeof(long), cmp_long);
		say("DONE answers=%ld errors=%ld dups=%ld finished=%ld p50_us=%ld p99_us=%ld "
		    "max_us=%ld\n",
		    c.answers, c.errors, c.dups, c.finished, sorted[(c.n_lat - 1) / 2],
		    sorted[(c.n_lat * 99 + 99) / 100 - 1], sorted[c.n_lat - 1]);
		free(sorted);
	} else {
		say("DONE answers=0 errors=%ld dups=0 finished=0 p50_us=0 p99_us=0 max_us=0\n",
		    c.errors);
	}
	if (opt.latency && c.n_lat) {
		FILE *fp = fopen(opt.latency, "a");

		if (fp) {
			for (size_t i = 0; i < c.n_lat; i++)
				fprintf(fp, "%ld\n", c.lat_us[i]);
			fclose(fp);
		}
	}
	for (size_t i = 0; i < n_cache; i++)
		question_release(&cache[i].q);
	free(cache);
	free(ids);
	free(c.lat_us);
	free(cause);
	catalog_courses_release(&courses);
	person_release(&p);
	store_close(&store);
	return rc;
}
