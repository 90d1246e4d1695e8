/* The demo organisation; see demo.h. Names and numbers are invented. */
#include "demo.h"

#include <stdlib.h>
#include <string.h>

#include "credential.h"
#include "person.h"
#include "setting.h"
#include "store.h"
#include "totp.h"
#include "unit.h"

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

int demo_populate(struct store *store, char **cause)
{
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
	if (store_commit(store, cause) < 0)
		goto fail;
	return 0;
fail:
	store_rollback(store);
	return -1;
}
