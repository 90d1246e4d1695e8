/*
 * Knowledge levels; see level.h for the definition. The figures come from
 * measure_person (measure.h), the one definition the reports use as well,
 * so the home screen, "Min kunskap" and the reports never disagree; this
 * module only keeps the topics answered and orders them by Swedish name.
 */
#include "level.h"

#include <stdlib.h>
#include <string.h>

#include "collate.h"
#include "day.h"
#include "measure.h"
#include "xmalloc.h"

void level_list_free(struct level **levels, size_t n)
{
	if (*levels == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free((*levels)[i].topic);
		free((*levels)[i].name_sv);
		free((*levels)[i].name_en);
	}
	free(*levels);
	*levels = NULL;
}

static int cmp_name(const void *a, const void *b)
{
	const struct level *x = a, *y = b;

	return collate_sv(x->name_sv, strlen(x->name_sv), y->name_sv, strlen(y->name_sv));
}

int level_person(struct store *store, long long person_id, struct level **out, size_t *n,
		 char **cause)
{
	struct measure_person_level *all = NULL;
	size_t n_all = 0;

	*out = NULL;
	*n = 0;
	if (measure_person(store, person_id, day_today(), &all, &n_all, cause) < 0)
		return -1;
	for (size_t i = 0; i < n_all; i++) {
		struct measure_person_level *m = &all[i];
		struct level *l;

		if (m->questions == 0)
			continue;
		if (*out == NULL)
			*out = xcalloc(n_all, sizeof(**out));
		l = &(*out)[(*n)++];
		l->topic = m->topic.slug;
		l->name_sv = m->topic.name_sv ? m->topic.name_sv : xstrdup(m->topic.slug);
		l->name_en = m->topic.name_en ? m->topic.name_en : xstrdup(m->topic.slug);
		l->level = m->level / 100.0;
		l->questions = m->questions;
		/* The strings moved into *out. */
		memset(&m->topic, 0, sizeof(m->topic));
	}
	measure_person_free(&all, n_all);
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), cmp_name);
	return 0;
}
