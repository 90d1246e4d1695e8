/*
 * The numbered migrations. Step N takes a database from user_version N-1 to
 * N. Never edit a step once it has been released: append a new one. Each
 * step runs in its own BEGIN IMMEDIATE transaction (store.c), which re-reads
 * user_version first so that two kiosks starting at once migrate only once.
 *
 * Conventions: times are UTC text "YYYY-MM-DDTHH:MM:SSZ"; names and unit
 * paths sort with COLLATE sv; people are never deleted by an import (active
 * goes to 0); the audit log refers to people by internal id only.
 */
#include "schema.h"

#include <stddef.h>

static const char *const migrations[] = {
	/* 1: the foundation. */
	"CREATE TABLE unit ("
	"  id INTEGER PRIMARY KEY,"
	"  parent_id INTEGER REFERENCES unit(id),"
	"  name TEXT NOT NULL,"
	"  path TEXT NOT NULL UNIQUE,"
	"  created TEXT NOT NULL"
	");"
	"CREATE INDEX unit_parent ON unit(parent_id);"
	"CREATE TABLE person ("
	"  id INTEGER PRIMARY KEY,"
	"  employee_no TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  unit_id INTEGER REFERENCES unit(id),"
	"  role TEXT NOT NULL DEFAULT 'staff' CHECK (role IN ('staff','coordinator','admin')),"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),"
	"  created TEXT NOT NULL,"
	"  last_seen TEXT,"
	"  left_at TEXT"
	");"
	"CREATE INDEX person_unit ON person(unit_id);"
	/* Secrets live here, never in clear: PINs as Argon2id over a keyed
	 * BLAKE2b, badge tokens as keyed BLAKE2b (hex) so they can be looked up. */
	"CREATE TABLE credential ("
	"  person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,"
	"  pin_hash TEXT,"
	"  pin_set TEXT,"
	"  badge_hash TEXT UNIQUE,"
	"  badge_issued TEXT,"
	"  activation_hash TEXT,"
	"  activation_expires TEXT"
	");"
	"CREATE TABLE topic ("
	"  slug TEXT PRIMARY KEY,"
	"  name_sv TEXT NOT NULL,"
	"  name_en TEXT NOT NULL"
	");"
	"CREATE TABLE course ("
	"  id INTEGER PRIMARY KEY,"
	"  slug TEXT NOT NULL UNIQUE,"
	"  title TEXT NOT NULL,"
	"  language TEXT NOT NULL CHECK (language IN ('sv','en')),"
	"  translation_of TEXT,"
	"  audience TEXT NOT NULL CHECK (audience IN ('all','coordinators')),"
	"  version INTEGER NOT NULL,"
	"  pass_mark INTEGER NOT NULL,"
	"  minutes INTEGER NOT NULL,"
	"  pretest INTEGER NOT NULL DEFAULT 0,"
	"  refresh_months INTEGER,"
	"  due_days INTEGER,"
	"  feedback TEXT NOT NULL DEFAULT 'each' CHECK (feedback IN ('each','end')),"
	"  position INTEGER NOT NULL DEFAULT 0,"
	"  source_hash TEXT,"
	"  retired INTEGER NOT NULL DEFAULT 0,"
	"  built TEXT"
	");"
	"CREATE TABLE course_topic ("
	"  course_id INTEGER NOT NULL REFERENCES course(id) ON DELETE CASCADE,"
	"  topic TEXT NOT NULL,"
	"  PRIMARY KEY (course_id, topic)"
	");"
	"CREATE TABLE course_require ("
	"  course_id INTEGER NOT NULL REFERENCES course(id) ON DELETE CASCADE,"
	"  requires TEXT NOT NULL,"
	"  PRIMARY KEY (course_id, requires)"
	");"
	"CREATE TABLE lesson_page ("
	"  course_id INTEGER NOT NULL REFERENCES course(id) ON DELETE CASCADE,"
	"  page_no INTEGER NOT NULL,"
	"  title TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  PRIMARY KEY (course_id, page_no)"
	");"
	"CREATE TABLE handout ("
	"  course_id INTEGER PRIMARY KEY REFERENCES course(id) ON DELETE CASCADE,"
	"  body TEXT NOT NULL"
	");"
	/* A question's name is its identity across versions; a changed text,
	 * answer or feedback makes a new question_version, and responses keep
	 * the version they answered. Removed questions are retired. */
	"CREATE TABLE question ("
	"  id INTEGER PRIMARY KEY,"
	"  course_id INTEGER NOT NULL REFERENCES course(id),"
	"  name TEXT NOT NULL,"
	"  topic TEXT,"
	"  position INTEGER NOT NULL,"
	"  current_version INTEGER NOT NULL,"
	"  retired INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (course_id, name)"
	");"
	"CREATE TABLE question_version ("
	"  id INTEGER PRIMARY KEY,"
	"  question_id INTEGER NOT NULL REFERENCES question(id),"
	"  version INTEGER NOT NULL,"
	"  type TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  hash TEXT NOT NULL,"
	"  created TEXT NOT NULL,"
	"  UNIQUE (question_id, version)"
	");"
	"CREATE TABLE attempt ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER REFERENCES person(id),"
	"  unit_id INTEGER REFERENCES unit(id),"
	"  course_id INTEGER NOT NULL REFERENCES course(id),"
	"  course_version INTEGER NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('pre','quiz','refresh')),"
	"  source TEXT NOT NULL CHECK (source IN ('kiosk','paper')),"
	"  started TEXT NOT NULL,"
	"  finished TEXT,"
	"  score REAL,"
	"  passed INTEGER,"
	"  plan TEXT"
	");"
	"CREATE INDEX attempt_person ON attempt(person_id, course_id);"
	"CREATE TABLE response ("
	"  id INTEGER PRIMARY KEY,"
	"  attempt_id INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,"
	"  question_version_id INTEGER NOT NULL REFERENCES question_version(id),"
	"  position INTEGER NOT NULL,"
	"  answer TEXT NOT NULL,"
	"  mark REAL,"
	"  answered TEXT NOT NULL,"
	"  UNIQUE (attempt_id, question_version_id)"
	");"
	"CREATE TABLE completion ("
	"  id INTEGER PRIMARY KEY,"
	"  person_id INTEGER NOT NULL REFERENCES person(id),"
	"  course_id INTEGER NOT NULL REFERENCES course(id),"
	"  attempt_id INTEGER REFERENCES attempt(id),"
	"  passed_at TEXT NOT NULL,"
	"  score REAL NOT NULL"
	");"
	"CREATE INDEX completion_person ON completion(person_id, course_id);"
	"CREATE TABLE setting ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	");"
	/* Append-only; the security issue adds the hash chain. */
	"CREATE TABLE audit ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  actor_id INTEGER,"
	"  action TEXT NOT NULL,"
	"  object_id INTEGER,"
	"  detail TEXT"
	");"
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",

	/* 2: where a person is in a course's lessons, so a kiosk session that
	 * ends for any reason resumes on the same page. */
	"CREATE TABLE lesson_progress ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  course_id INTEGER NOT NULL REFERENCES course(id),"
	"  page_no INTEGER NOT NULL,"
	"  pages_seen INTEGER NOT NULL DEFAULT 0,"
	"  updated TEXT NOT NULL,"
	"  PRIMARY KEY (person_id, course_id)"
	");"
	"CREATE INDEX response_attempt ON response(attempt_id, position);",
};

int schema_latest(void)
{
	return (int)(sizeof(migrations) / sizeof(migrations[0]));
}

const char *schema_step(int version)
{
	if (version < 1 || version > schema_latest())
		return NULL;
	return migrations[version - 1];
}
