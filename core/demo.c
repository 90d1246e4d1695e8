/*
 * The demo organisation; see demo.h. Names and numbers are invented.
 *
 * The kiosk shows the demo logins only while they work, and it asks at
 * every start. Verifying the three PINs would cost three Argon2id checks
 * (19 MiB and tens of milliseconds each), so `init --demo` instead records
 * a fingerprint of what it stored: a BLAKE2b, keyed with the store's key
 * (FILE.key), over each demo person's employee number and stored PIN hash.
 * The check reads those three Argon2id strings again and compares. A PIN
 * that changes is either cleared (`staff reset-pin`, an erased person) or
 * stored as a new string with a fresh salt (a PIN chosen in the kiosk), so
 * any change hides the logins, as does a person made inactive. So does a
 * PIN set again to the same digits: the check errs on the quiet side,
 * hiding logins that might work rather than ever showing one that does
 * not. A replaced key file makes every PIN fail and every fingerprint
 * differ, so it hides them too.
 * The fingerprint is computed from the PIN hashes alone, which the same
 * database holds anyway, and needs the key, so it tells nobody more about
 * a PIN than the Argon2id string does. It is kept as the setting
 * demo_fingerprint, which is not a known setting, so `vaksam config` can
 * neither show nor change it. A database from an older `init --demo` has
 * none; there the PINs are verified as before.
 */
#include "demo.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "credential.h"
#include "person.h"
#include "setting.h"
#include "store_internal.h"
#include "strbuf.h"
#include "totp.h"
#include "unit.h"
#include "xmalloc.h"

/* The setting that holds the fingerprint, as hex (see the comment above). */
#define FINGERPRINT_KEY "demo_fingerprint"
/* What the keyed hash covers starts with this, so it cannot stand for any
 * other keyed hash of the store (those are of PINs, codes and tokens). */
#define FINGERPRINT_DOMAIN "vaksam demo logins 1\n"

static const struct demo_login logins[] = {
	{ "1001", "2468", "staff" },
	{ "2001", "1357", "coordinator" },
	{ "9001", "9753", "admin" },
	{ NULL, NULL, NULL },
};

static const struct {
	const char *employee_no;
	const char *name;
	const char *unit;
	enum role role;
} people[] = {
	{ "1001", "Anna Lindqvist", "Socialförvaltningen/Hemtjänst Norr", ROLE_STAFF },
	{ "1002", "Mohammed Al-Hassan", "Socialförvaltningen/Hemtjänst Norr", ROLE_STAFF },
	{ "1003", "Eva Öberg", "Socialförvaltningen/Hemtjänst Norr", ROLE_STAFF },
	{ "1004", "Karin Åkesson", "Socialförvaltningen/Hemtjänst Norr", ROLE_STAFF },
	{ "1005", "Jonas Berg", "Socialförvaltningen/Hemtjänst Söder", ROLE_STAFF },
	{ "1006", "Fatima Yilmaz", "Socialförvaltningen/Hemtjänst Söder", ROLE_STAFF },
	{ "1007", "Lars Ström", "Socialförvaltningen/Hemtjänst Söder", ROLE_STAFF },
	{ "1008", "Maja Ekström", "Socialförvaltningen/Hemtjänst Söder", ROLE_STAFF },
	{ "1009", "Sara Nyberg", "Socialförvaltningen/Individ- och familjeomsorg", ROLE_STAFF },
	{ "1010", "Peter Håkansson", "Socialförvaltningen/Individ- och familjeomsorg", ROLE_STAFF },
	{ "1011", "Leila Karimi", "Socialförvaltningen/Individ- och familjeomsorg", ROLE_STAFF },
	{ "1012", "Olof Sjöberg", "Socialförvaltningen/Individ- och familjeomsorg", ROLE_STAFF },
	{ "1013", "Ingrid Dahl", "Barn- och utbildningsförvaltningen/Centrumskolan", ROLE_STAFF },
	{ "1014", "Erik Johansson", "Barn- och utbildningsförvaltningen/Centrumskolan", ROLE_STAFF },
	{ "1015", "Amina Hussein", "Barn- och utbildningsförvaltningen/Centrumskolan", ROLE_STAFF },
	{ "1016", "Gustav Wallin", "Barn- och utbildningsförvaltningen/Centrumskolan", ROLE_STAFF },
	{ "1017", "Linnea Åberg", "Barn- och utbildningsförvaltningen/Förskolan Solrosen", ROLE_STAFF },
	{ "1018", "Nils Forsberg", "Barn- och utbildningsförvaltningen/Förskolan Solrosen", ROLE_STAFF },
	{ "1019", "Elin Persson", "Barn- och utbildningsförvaltningen/Förskolan Solrosen", ROLE_STAFF },
	{ "1020", "Ali Rahimi", "Barn- och utbildningsförvaltningen/Förskolan Solrosen", ROLE_STAFF },
	{ "1021", "Britt Mårtensson", "Barn- och utbildningsförvaltningen/Skolmåltider", ROLE_STAFF },
	{ "1022", "Tove Lund", "Barn- och utbildningsförvaltningen/Skolmåltider", ROLE_STAFF },
	{ "1023", "Hassan Omar", "Barn- och utbildningsförvaltningen/Skolmåltider", ROLE_STAFF },
	{ "1024", "Sofia Björk", "Kommunstyrelseförvaltningen/Kontaktcenter", ROLE_STAFF },
	{ "1025", "Johan Ängström", "Kommunstyrelseförvaltningen/Kontaktcenter", ROLE_STAFF },
	{ "1026", "Emma Holm", "Kommunstyrelseförvaltningen/Kontaktcenter", ROLE_STAFF },
	{ "1027", "Viktor Lindgren", "Kommunstyrelseförvaltningen/IT-enheten", ROLE_STAFF },
	{ "1028", "Hanna Sandberg", "Kommunstyrelseförvaltningen/IT-enheten", ROLE_STAFF },
	{ "1029", "Ahmed Ali", "Kommunstyrelseförvaltningen/IT-enheten", ROLE_STAFF },
	{ "1030", "Kristina Norén", "Kommunstyrelseförvaltningen/HR-enheten", ROLE_STAFF },
	{ "1031", "Mattias Engström", "Kommunstyrelseförvaltningen/HR-enheten", ROLE_STAFF },
	{ "1032", "Zeynep Demir", "Kommunstyrelseförvaltningen/HR-enheten", ROLE_STAFF },
	{ "1033", "Åsa Eklund", "Socialförvaltningen/Hemtjänst Norr", ROLE_STAFF },
	{ "1034", "Östen Granath", "Barn- och utbildningsförvaltningen/Centrumskolan", ROLE_STAFF },
	{ "1035", "Ida Wikström", "Kommunstyrelseförvaltningen/Kontaktcenter", ROLE_STAFF },
	{ "2001", "Maria Svensson", "Socialförvaltningen/Hemtjänst Norr", ROLE_COORDINATOR },
	{ "2002", "Henrik Nilsson", "Barn- och utbildningsförvaltningen/Centrumskolan",
	  ROLE_COORDINATOR },
	{ "2003", "Camilla Olsson", "Kommunstyrelseförvaltningen/Kontaktcenter", ROLE_COORDINATOR },
	{ "9001", "Per Andersson", "Kommunstyrelseförvaltningen/IT-enheten", ROLE_ADMIN },
	{ "9002", "Lena Karlsson", "Kommunstyrelseförvaltningen/IT-enheten", ROLE_ADMIN },
};

static const struct {
	const char *key;
	const char *value;
} settings[] = {
	{ "organisation", "Exempelkommunen" },
	{ "incident_phone", "0123-45 67 89" },
	{ "incident_email", "incident@exempelkommunen.example" },
	{ "dpo_email", "dataskyddsombud@exempelkommunen.example" },
	{ "servicedesk_phone", "0123-45 60 00" },
};

const struct demo_login *demo_logins(void)
{
	return logins;
}

static int demo_pin(struct store *store, long long person_id, const char *employee_no,
		    char **cause)
{
	for (const struct demo_login *l = logins; l->employee_no; l++) {
		if (strcmp(l->employee_no, employee_no) == 0)
			return credential_set_pin(store, person_id, l->pin, cause);
	}
	return 0;
}

/*
 * Computes the fingerprint of the demo logins as they are stored now into
 * hex (65 bytes). Returns 1 when all three demo people are active and have
 * a PIN, 0 when one does not (hex is then empty), -1 with *cause on error.
 */
static int fingerprint(struct store *store, char hex[65], char **cause)
{
	struct strbuf sb = STRBUF_INIT;
	unsigned char h[32];
	int rc = 1;

	hex[0] = '\0';
	strbuf_addstr(&sb, FINGERPRINT_DOMAIN);
	for (const struct demo_login *l = logins; l->employee_no && rc == 1; l++) {
		sqlite3_stmt *st = store_stmt(store,
					      "SELECT c.pin_hash FROM person p"
					      " JOIN credential c ON c.person_id = p.id"
					      " WHERE p.employee_no = ?1 AND p.active"
					      " AND c.pin_hash IS NOT NULL",
					      cause);
		int step;

		if (st == NULL) {
			rc = -1;
			break;
		}
		store_bind_text(st, 1, l->employee_no);
		step = sqlite3_step(st);
		if (step == SQLITE_ROW) {
			/* Both parts end with a NUL, so no two lists run together alike. */
			strbuf_add(&sb, l->employee_no, strlen(l->employee_no) + 1);
			strbuf_add(&sb, sqlite3_column_text(st, 0),
				   (size_t)sqlite3_column_bytes(st, 0) + 1);
		} else if (step == SQLITE_DONE) {
			rc = 0;
		} else {
			rc = store_fail(store, cause, "reading the demo logins");
		}
		store_done(st);
	}
	if (rc == 1) {
		store_keyed_hash(store, sb.buf, sb.len, h);
		sodium_bin2hex(hex, 65, h, sizeof(h));
	}
	strbuf_release(&sb);
	return rc;
}

/* The check for a database without a fingerprint: Argon2id, three times. */
static int verify_pins(struct store *store, char **cause)
{
	int rc = 1;

	for (const struct demo_login *l = logins; l->employee_no && rc == 1; l++) {
		struct person p = {0};
		int found = person_find(store, l->employee_no, &p, cause);

		if (found < 0)
			rc = -1;
		else if (found == 0 || !p.active)
			rc = 0;
		else
			rc = credential_check_pin(store, p.id, l->pin, cause);
		person_release(&p);
	}
	return rc;
}

int demo_logins_work(struct store *store, char **cause)
{
	char *recorded = setting_get(store, FINGERPRINT_KEY, cause);
	char now[65];
	int rc;

	if (recorded == NULL)
		return *cause ? -1 : verify_pins(store, cause);
	rc = fingerprint(store, now, cause);
	if (rc == 1)
		rc = strlen(recorded) == 64 && sodium_memcmp(recorded, now, 64) == 0;
	free(recorded);
	return rc;
}

int demo_populate(struct store *store, char **cause)
{
	char hex[65];

	if (store_begin(store, cause) < 0)
		return -1;
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++)
		if (setting_put(store, settings[i].key, settings[i].value, cause) < 0)
			goto fail;
	for (size_t i = 0; i < sizeof(people) / sizeof(people[0]); i++) {
		long long unit_id = 0, person_id = 0;

		if (unit_ensure(store, people[i].unit, &unit_id, cause) < 0 ||
		    person_add(store, people[i].employee_no, people[i].name, unit_id, people[i].role,
			       &person_id, cause) < 0 ||
		    demo_pin(store, person_id, people[i].employee_no, cause) < 0)
			goto fail;
		/* Coordinators and admins log in with a one-time code; the demo
		 * ones share the well-known secret (`staff totp` makes a new one). */
		if (people[i].role != ROLE_STAFF &&
		    totp_set_secret(store, person_id, TOTP_DEMO_SECRET, cause) < 0)
			goto fail;
	}
	/* Last, over the PIN hashes just stored (see the top of this file). */
	if (fingerprint(store, hex, cause) != 1) {
		if (*cause == NULL)
			*cause = xstrdup("the demo logins were not stored");
		goto fail;
	}
	if (setting_put(store, FINGERPRINT_KEY, hex, cause) < 0 || store_commit(store, cause) < 0)
		goto fail;
	return 0;
fail:
	store_rollback(store);
	return -1;
}
