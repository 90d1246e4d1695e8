/*
 * libFuzzer target: the staff roster reader (core/roster.c) and, for what it
 * accepts, the import itself (core/roster_apply.c) as a dry run on a real
 * store. Any bytes must give rows and diagnostics, never a crash, a leak or
 * undefined behaviour, and what is accepted must keep the promises of
 * core/roster.h: an accepted row has an employee number and a name, both
 * valid UTF-8 without control or direction characters and at most
 * ROSTER_FIELD_MAX characters, and a unit path without an empty part. The
 * dry run must write nothing: the store is the same after every input.
 *
 * The store is created once per process in a private temporary folder and
 * removed at exit.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/diag.h"
#include "core/person.h"
#include "core/roster.h"
#include "core/sanitize.h"
#include "core/store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct store *store;
static char dir[] = "/tmp/fuzz-roster.XXXXXX";
static char path[sizeof(dir) + 16];

static void store_gone(void)
{
	char other[sizeof(path) + 8];

	store_close(&store);
	unlink(path);
	snprintf(other, sizeof(other), "%s.key", path);
	unlink(other);
	snprintf(other, sizeof(other), "%s-wal", path);
	unlink(other);
	snprintf(other, sizeof(other), "%s-shm", path);
	unlink(other);
	rmdir(dir);
}

/* A store with two people, so that an import also updates and deactivates. */
static struct store *fuzz_store(void)
{
	static bool tried;
	char *cause = NULL;
	long long id;

	if (tried)
		return store;
	tried = true;
	if (mkdtemp(dir) == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/f.db", dir);
	if (store_open(path, STORE_CREATE_NEW, &store, &cause) < 0) {
		fprintf(stderr, "fuzz_roster: %s\n", cause);
		free(cause);
		rmdir(dir);
		return NULL;
	}
	atexit(store_gone);
	if (store_begin(store, &cause) < 0 ||
	    person_add(store, "5001", "Anna Berg", 0, ROLE_STAFF, &id, &cause) < 0 ||
	    person_add(store, "0042", "Örjan Åberg", 0, ROLE_COORDINATOR, &id, &cause) < 0 ||
	    store_commit(store, &cause) < 0) {
		fprintf(stderr, "fuzz_roster: %s\n", cause);
		free(cause);
		store_rollback(store);
	}
	return store;
}

static void check_text(const char *what, const char *text, bool may_be_empty)
{
	size_t off;
	uint32_t cp;
	size_t chars = 0;

	if (text == NULL) {
		fprintf(stderr, "accepted row without %s\n", what);
		abort();
	}
	if (!may_be_empty && *text == '\0') {
		fprintf(stderr, "accepted row with an empty %s\n", what);
		abort();
	}
	if (!sanitize_is_clean(text, 0, &off, &cp)) {
		fprintf(stderr, "accepted %s holds U+%04X at byte %zu\n", what, (unsigned)cp, off);
		abort();
	}
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		chars += (*p & 0xc0) != 0x80;
	if (chars > ROSTER_FIELD_MAX) {
		fprintf(stderr, "accepted %s of %zu characters\n", what, chars);
		abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct roster roster = ROSTER_INIT;
	struct diag_list diags = DIAG_LIST_INIT;
	const char *text = (const char *)data;
	size_t bom, rejected = 0;
	char delim;
	int rc;

	(void)roster_detect_encoding(text, size, &bom);
	delim = roster_detect_delimiter(text, size);
	if (delim != ';' && delim != ',')
		abort();
	rc = roster_parse("fuzz.csv", text, size, &roster, &diags);
	for (size_t i = 0; i < roster.n_rows; i++) {
		const struct roster_row *row = &roster.rows[i];

		if (row->line < 1)
			abort();
		if (row->rejected) {
			rejected++;
			continue;
		}
		check_text("employee number", row->employee_no, false);
		check_text("name", row->name, false);
		if (row->unit_path) {
			check_text("unit", row->unit_path, false);
			if (row->unit_path[0] == '/' || strstr(row->unit_path, "//") ||
			    row->unit_path[strlen(row->unit_path) - 1] == '/') {
				fprintf(stderr, "accepted unit path '%s'\n", row->unit_path);
				abort();
			}
		}
	}
	if (rejected != roster.n_rejected)
		abort();
	if (rejected > 0 && diags.errors == 0) {
		fprintf(stderr, "rows rejected without a diagnostic\n");
		abort();
	}
	if (rc == 0 && roster.n_rows > 0 && fuzz_store() != NULL) {
		struct roster_options opt = { true, true, true }; /* dry run, skip, force */
		struct roster_result res;
		char *cause = NULL;
		long long before = -1, after = -2;

		person_count_active(store, &before, &cause);
		free(cause);
		cause = NULL;
		if (roster_apply(store, &roster, &opt, &res, &cause) < 0) {
			free(cause);
			cause = NULL;
		}
		person_count_active(store, &after, &cause);
		free(cause);
		if (before != after) {
			fprintf(stderr, "a dry run changed the store (%lld -> %lld active)\n", before,
				after);
			abort();
		}
	}
	roster_release(&roster);
	diag_list_release(&diags);
	return 0;
}
