/*
 * Certificates (intyg): proof that a person passed a course, or the whole
 * coordinators' programme, with a verification code that anyone holding the
 * paper can have checked (`vaksam verify CODE`).
 *
 * A certificate is recorded when it is issued (tables certificate and
 * certificate_course): a code (`VKV` + 10 random characters of Crockford's
 * base32 + check character, scancode.h; 50 bits, so codes cannot be guessed),
 * the person, the kind, when, and for each course the title, pass date and
 * score it certifies, copied at issue time so that a certificate stays
 * verifiable after completions are purged under the retention rules. The
 * person is referred to by id; if the person is erased the certificate still
 * verifies, without a name.
 *
 * A course counts as passed when the person has a completion of it or of one
 * of its translations (translation_of); the latest completion is certified.
 * The programme is every coordinators' course that is not a translation and
 * not retired, in programme order.
 */
#ifndef VAKSAM_CERTIFICATE_H
#define VAKSAM_CERTIFICATE_H

#include <stdbool.h>
#include <stddef.h>

#include "scancode.h"

struct store;

#define CERTIFICATE_CODE_RANDOM 10

struct certificate_course {
	long long course_id;
	char *slug;      /* owned; the course's slug now, NULL if the course is gone */
	char *title;     /* owned; as certified */
	char *passed_at; /* owned; UTC time of the completion */
	double score;    /* percent */
};

struct certificate {
	long long id;
	char *code;                         /* owned; canonical VKV... */
	bool programme;                     /* the coordinators' programme, else one course */
	char *issued;                       /* owned; UTC time */
	long long person_id;                /* 0 when the person has since been erased */
	char *person_name;                  /* owned; NULL when erased */
	char *employee_no;                  /* owned; NULL when erased */
	char *unit_path;                    /* owned; NULL when none */
	struct certificate_course *courses; /* owned, n_courses entries in order */
	size_t n_courses;
};

/*
 * Issues a certificate for person_id: for the course course_slug, or for
 * the coordinators' programme when course_slug is NULL, inside the caller's
 * transaction (store_begin), so the caller can commit only once the paper
 * exists. Returns 0 and fills *out; 1 when the course or programme is not
 * passed (*cause says what is missing, nothing written); -1 with *cause for
 * an unknown person or course or a store error (the caller rolls back).
 */
int certificate_issue(struct store *store, long long person_id, const char *course_slug,
		      struct certificate *out, char **cause);

/*
 * Reads a typed or scanned certificate code and loads the certificate.
 * *status: SCANCODE_MALFORMED (not a certificate code), SCANCODE_MISTYPED
 * (check character wrong) or SCANCODE_OK. Returns 1 and fills *out when it
 * exists, 0 when not, -1 with *cause on error.
 */
int certificate_find(struct store *store, const char *typed, enum scancode_status *status,
		     struct certificate *out, char **cause);

/* Frees every field and leaves *cert zeroed; accepts a zeroed struct. */
void certificate_release(struct certificate *cert);

#include "banned.h"

#endif
