/*
 * A course library: the courses read from one or more folders together with
 * the topics of topics.conf. This is where `vaksam content check` and
 * `content build` do their work: library_load() reads, library_check()
 * applies every rule that needs more than one file, library_build() hands
 * the result to core/catalog in one transaction.
 *
 * A folder given to library_load() may be
 * - a content folder (it has courses/): every courses/<id>/ is read, and
 *   its topics.conf;
 * - a course folder (it has course.md): that course is read; topics.conf is
 *   looked for two and one levels up; the names of its sibling folders count
 *   as known courses, so `requires` may name a course not being checked;
 * - a folder of course folders: each is read; topics.conf one level up.
 */
#ifndef VAKSAM_LIBRARY_H
#define VAKSAM_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>

#include "authoring/course_source.h"
#include "authoring/lix.h"
#include "core/catalog.h"
#include "core/diag.h"

struct store;

/* Readability limits for audience "all" (content/README.md). */
#define LIBRARY_LIX_PAGE_MAX 45.0
#define LIBRARY_LIX_HANDOUT_MAX 40.0
#define LIBRARY_PAGE_WORDS_MAX 350

struct library_topic {
	char *slug, *name_sv, *name_en; /* owned */
};

/* One readability figure, for `content check --lix`. */
struct library_figure {
	char *file;  /* owned */
	int line;    /* of the page's heading (1 for a handout) */
	char *title; /* owned; the page title, or "(handout)" */
	bool skipped; /* a sources page, left out */
	struct lix lix;
};

struct library {
	struct library_topic *topics; /* owned, n_topics entries */
	size_t n_topics;
	struct course_source *courses; /* owned, n_courses entries, in load order */
	size_t n_courses;
	char **known; /* owned; ids of sibling course folders not loaded */
	size_t n_known;
	struct library_figure *figures; /* owned; filled by library_check() */
	size_t n_figures;
	char **topic_files; /* owned; topics.conf files read */
	size_t n_topic_files;
};

#define LIBRARY_INIT { NULL, 0, NULL, 0, NULL, 0, NULL, 0, NULL, 0 }

/* Reads the folders (see above) into lib (LIBRARY_INIT or released);
 * problems go to diags. Returns 0, or -1 when a path could not be used. */
int library_load(struct library *lib, char *const *paths, size_t n_paths,
		 struct diag_list *diags);

/* Applies the rules that span files and the readability rules; adds to
 * diags and fills lib->figures. */
void library_check(struct library *lib, struct diag_list *diags);

/* Builds the loaded courses and topics into the store (catalog_build).
 * Call only when library_check() found no error. */
int library_build(const struct library *lib, struct store *store, struct catalog_stats *stats,
		  char **cause);

void library_release(struct library *lib);

/*
 * Reads, checks and builds a content folder in one go (used by `vaksam
 * init`). Diagnostics go to diags. Returns 0, or -1 with *cause set (caller
 * frees): "content check failed" when diags holds errors (nothing is
 * written then), or the store's error.
 */
int library_build_dir(struct store *store, const char *content_dir, struct diag_list *diags,
		      char **cause);

/* Reads a topics.conf file into lib; used by library_load(). */
int library_read_topics(struct library *lib, const char *path, struct diag_list *diags);

#include "core/banned.h"

#endif
