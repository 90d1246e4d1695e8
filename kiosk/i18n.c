/*
 * The session's language for gettext. The msgids are Swedish, so Swedish
 * works without any catalogue; English comes from po/en.po built into
 * LOCALEDIR/en/LC_MESSAGES/vaksam.mo.
 *
 * The language is chosen with LANGUAGE, which gettext reads before
 * LC_MESSAGES, so no sv_SE or en_GB locale has to be generated. Two things
 * make that work on a machine with only C.UTF-8 (c-notes B1):
 * - gettext ignores LANGUAGE when LC_MESSAGES is the "C" locale, so a C or
 *   POSIX LC_MESSAGES is replaced by C.UTF-8;
 * - gettext caches translations, so after changing LANGUAGE the category is
 *   set again and the domain bound again, which makes it look afresh.
 *
 * Where the catalogues are: $VAKSAM_LOCALEDIR, else VAKSAM_LOCALEDIR from
 * the build, else PREFIX/share/locale when installed, else the build/locale
 * folder of the source tree.
 */
#include "kiosk/kiosk.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/xmalloc.h"

#define TEXT_DOMAIN "vaksam"

static char localedir[4096];

/* Whether dir holds our English catalogue (Swedish needs none). */
static bool has_catalogue(const char *dir)
{
	char path[4200];
	struct stat st;

	snprintf(path, sizeof(path), "%s/en/LC_MESSAGES/" TEXT_DOMAIN ".mo", dir);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void find_localedir(void)
{
	const char *env = getenv("VAKSAM_LOCALEDIR");

	if (env && *env) {
		snprintf(localedir, sizeof(localedir), "%s", env);
		return;
	}
#ifdef VAKSAM_LOCALEDIR
	if (has_catalogue(VAKSAM_LOCALEDIR)) {
		snprintf(localedir, sizeof(localedir), "%s", VAKSAM_LOCALEDIR);
		return;
	}
#endif
	snprintf(localedir, sizeof(localedir), "%s/../locale", VAKSAM_DATADIR);
	if (has_catalogue(localedir))
		return;
	snprintf(localedir, sizeof(localedir), "%s/build/locale", VAKSAM_SRCDIR);
}

void i18n_init(void)
{
	const char *m = setlocale(LC_MESSAGES, "");

	if (m == NULL || strcmp(m, "C") == 0 || strcmp(m, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
	find_localedir();
	bindtextdomain(TEXT_DOMAIN, localedir);
	bind_textdomain_codeset(TEXT_DOMAIN, "UTF-8");
	textdomain(TEXT_DOMAIN);
}

void i18n_set(struct app *app, const char *lang)
{
	const char *cur;
	char *copy;

	app->lang = strcmp(lang, "en") == 0 ? "en" : "sv";
	setenv("LANGUAGE", app->lang, 1);
	cur = setlocale(LC_MESSAGES, NULL);
	copy = xstrdup(cur ? cur : "C.UTF-8");
	setlocale(LC_MESSAGES, copy);
	free(copy);
	bindtextdomain(TEXT_DOMAIN, localedir);
	textdomain(TEXT_DOMAIN);
}
