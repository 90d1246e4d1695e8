/*
 * The certificate (intyg) as a PDF: the person's name and unit, the courses
 * it certifies with dates and scores, and the verification code as text and
 * as a QR code (core/certificate.h), so anyone can have it checked with
 * `vaksam verify CODE`.
 */
#ifndef VAKSAM_REPORTS_CERTIFICATE_H
#define VAKSAM_REPORTS_CERTIFICATE_H

struct store;

/*
 * Issues a certificate for the person with employee_no, for course_slug or
 * (when NULL) the coordinators' programme, and writes it to path. Returns 0
 * with *code set to the verification code (newly allocated), or -1 with
 * *cause (unknown person or course, not passed, a failure to write: then no
 * certificate is recorded).
 */
int certificate_print(struct store *store, const char *employee_no, const char *course_slug,
		      const char *path, char **code, char **cause);

#include "core/banned.h"

#endif
