/* The numbered migrations of the database schema; see schema.c. */
#ifndef VAKSAM_SCHEMA_H
#define VAKSAM_SCHEMA_H

/* The user_version a fully migrated database has. */
int schema_latest(void);
/* The SQL that takes a database from version-1 to version, or NULL. */
const char *schema_step(int version);

#include "banned.h"

#endif
