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

	/* 3: printed paper quiz sheets and certificates (the print issue).
	 * A sheet records the course version, pass mark and exact question
	 * versions and choice order printed (plan, as attempt.plan), so answers
	 * keyed later score against what was on paper; attempt_id is set once
	 * when the sheet is entered, which refuses a second entry. A
	 * certificate keeps the titles, dates and scores it certified. */
	"CREATE TABLE paper_sheet ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  course_id INTEGER NOT NULL REFERENCES course(id),"
	"  course_version INTEGER NOT NULL,"
	"  pass_mark INTEGER NOT NULL,"
	"  person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id),"
	"  plan TEXT NOT NULL,"
	"  printed TEXT NOT NULL,"
	"  attempt_id INTEGER UNIQUE REFERENCES attempt(id) ON DELETE SET NULL,"
	"  entered TEXT"
	");"
	"CREATE INDEX paper_sheet_person ON paper_sheet(person_id);"
	"CREATE INDEX paper_sheet_unit ON paper_sheet(unit_id, course_id);"
	"CREATE TABLE certificate ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  person_id INTEGER REFERENCES person(id) ON DELETE SET NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('course','programme')),"
	"  issued TEXT NOT NULL"
	");"
	"CREATE INDEX certificate_person ON certificate(person_id);"
	"CREATE TABLE certificate_course ("
	"  certificate_id INTEGER NOT NULL REFERENCES certificate(id) ON DELETE CASCADE,"
	"  position INTEGER NOT NULL,"
	"  course_id INTEGER NOT NULL REFERENCES course(id),"
	"  completion_id INTEGER REFERENCES completion(id) ON DELETE SET NULL,"
	"  title TEXT NOT NULL,"
	"  passed_at TEXT NOT NULL,"
	"  score REAL NOT NULL,"
	"  PRIMARY KEY (certificate_id, position)"
	");",

	/* 4: measurement (the measurement issue). Explicit assignments (the
	 * rule that assigns courses to everyone needs no rows, see
	 * assignment.h); the day a course was introduced; culture surveys.
	 *
	 * Survey answers are unlinkable to people: a sheet holds the round and
	 * the unit it counts for (the smallest unit above the person with enough
	 * people and participants, see survey.h), never a person, a day or a
	 * time; its id is random, so neither ids nor the order of rows follow
	 * the order people answered in. survey_participation records only that
	 * a person took part in a round, so no one answers twice, and nothing
	 * joins it to a sheet. */
	"CREATE TABLE assignment ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  course_id INTEGER NOT NULL REFERENCES course(id),"
	"  due TEXT NOT NULL,"
	"  assigned TEXT NOT NULL,"
	"  PRIMARY KEY (person_id, course_id)"
	") WITHOUT ROWID;"
	"CREATE INDEX assignment_course ON assignment(course_id);"
	"CREATE TABLE course_intro ("
	"  course_id INTEGER PRIMARY KEY REFERENCES course(id) ON DELETE CASCADE,"
	"  introduced TEXT NOT NULL"
	");"
	"CREATE INDEX completion_course ON completion(course_id, passed_at);"
	"CREATE INDEX attempt_course ON attempt(course_id, kind);"
	"CREATE TABLE survey ("
	"  id INTEGER PRIMARY KEY,"
	"  slug TEXT NOT NULL UNIQUE,"
	"  title TEXT NOT NULL,"
	"  language TEXT NOT NULL CHECK (language IN ('sv','en')),"
	"  version INTEGER NOT NULL,"
	"  intro TEXT NOT NULL,"
	"  scale TEXT NOT NULL,"
	"  source_hash TEXT,"
	"  built TEXT"
	");"
	"CREATE TABLE survey_item ("
	"  id INTEGER PRIMARY KEY,"
	"  survey_id INTEGER NOT NULL REFERENCES survey(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  position INTEGER NOT NULL,"
	"  area TEXT NOT NULL,"
	"  dimension TEXT NOT NULL CHECK (dimension IN ('knowledge','attitude','behaviour')),"
	"  reverse INTEGER NOT NULL DEFAULT 0 CHECK (reverse IN (0,1)),"
	"  text TEXT NOT NULL,"
	"  retired INTEGER NOT NULL DEFAULT 0,"
	"  UNIQUE (survey_id, name)"
	");"
	"CREATE TABLE survey_round ("
	"  id INTEGER PRIMARY KEY,"
	"  survey_id INTEGER NOT NULL REFERENCES survey(id),"
	"  name TEXT NOT NULL UNIQUE,"
	"  opens TEXT NOT NULL,"
	"  closes TEXT NOT NULL"
	");"
	"CREATE TABLE survey_participation ("
	"  round_id INTEGER NOT NULL REFERENCES survey_round(id),"
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  PRIMARY KEY (round_id, person_id)"
	") WITHOUT ROWID;"
	"CREATE TABLE survey_sheet ("
	"  id INTEGER PRIMARY KEY,"
	"  round_id INTEGER NOT NULL REFERENCES survey_round(id),"
	"  unit_id INTEGER REFERENCES unit(id)"
	");"
	"CREATE INDEX survey_sheet_round ON survey_sheet(round_id, unit_id);"
	"CREATE TABLE survey_answer ("
	"  sheet_id INTEGER NOT NULL REFERENCES survey_sheet(id) ON DELETE CASCADE,"
	"  item_id INTEGER NOT NULL REFERENCES survey_item(id),"
	"  value INTEGER NOT NULL CHECK (value BETWEEN 1 AND 5),"
	"  PRIMARY KEY (sheet_id, item_id)"
	") WITHOUT ROWID;",

	/* 5: security (the security issue). login_lock: one failure counter
	 * per way in (subject: keyed BLAKE2b of the typed employee number, or of
	 * the badge holder's id), so locks survive a restart and numbers nobody
	 * has lock like real ones. totp: the one-time code secret, only sealed
	 * (crypto_secretbox under a key from FILE.key), and the last accepted
	 * time step. coordinator_scope: the units an admin gave a coordinator.
	 * The audit log becomes a keyed hash chain with a head; a DELETE is
	 * let through only while the purge gate holds its row. */
	"CREATE TABLE login_lock ("
	"  subject TEXT PRIMARY KEY,"
	"  person_id INTEGER REFERENCES person(id) ON DELETE CASCADE,"
	"  via TEXT NOT NULL CHECK (via IN ('number','badge')),"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  locks INTEGER NOT NULL DEFAULT 0,"
	"  locked_until TEXT,"
	"  updated TEXT NOT NULL"
	");"
	"CREATE INDEX login_lock_person ON login_lock(person_id);"
	"CREATE TABLE totp ("
	"  person_id INTEGER PRIMARY KEY REFERENCES person(id) ON DELETE CASCADE,"
	"  secret_box BLOB NOT NULL,"
	"  enrolled TEXT NOT NULL,"
	"  last_step INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE TABLE coordinator_scope ("
	"  person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,"
	"  unit_id INTEGER NOT NULL REFERENCES unit(id) ON DELETE CASCADE,"
	"  granted TEXT NOT NULL,"
	"  PRIMARY KEY (person_id, unit_id)"
	") WITHOUT ROWID;"
	"ALTER TABLE audit ADD COLUMN origin TEXT;"
	"ALTER TABLE audit ADD COLUMN anchor TEXT;"
	"ALTER TABLE audit ADD COLUMN prev_hash TEXT;"
	"ALTER TABLE audit ADD COLUMN hash TEXT;"
	"CREATE INDEX audit_at ON audit(at);"
	"CREATE INDEX audit_actor ON audit(actor_id);"
	"CREATE INDEX audit_object ON audit(object_id);"
	"CREATE TABLE audit_head ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  last_id INTEGER NOT NULL,"
	"  last_hash TEXT NOT NULL,"
	"  mac TEXT NOT NULL"
	");"
	"CREATE TABLE audit_purge_gate (id INTEGER PRIMARY KEY CHECK (id = 1));"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  WHEN NOT EXISTS (SELECT 1 FROM audit_purge_gate)"
	"  BEGIN SELECT RAISE(ABORT, 'audit entries are removed only by vaksam gdpr purge'); END;",

	/* 6: responses stored in attempt order (the scale issue). Every reader
	 * takes an attempt's responses together (the kiosk, levels, item
	 * statistics, gains, exports), so the table is clustered on its natural
	 * key (attempt, question version) WITHOUT ROWID: one attempt's answers
	 * sit side by side in one b-tree instead of a rowid table plus two
	 * indexes pointing into it. On 10,000 staff x 3 years this made the
	 * database 31 % smaller and `report pdf` about a third faster. Nothing
	 * referred to response.id. */
	"CREATE TABLE response_new ("
	"  attempt_id INTEGER NOT NULL REFERENCES attempt(id) ON DELETE CASCADE,"
	"  question_version_id INTEGER NOT NULL REFERENCES question_version(id),"
	"  position INTEGER NOT NULL,"
	"  answer TEXT NOT NULL,"
	"  mark REAL,"
	"  answered TEXT NOT NULL,"
	"  PRIMARY KEY (attempt_id, question_version_id)"
	") WITHOUT ROWID;"
	"INSERT INTO response_new (attempt_id, question_version_id, position, answer, mark,"
	"  answered)"
	" SELECT attempt_id, question_version_id, position, answer, mark, answered FROM response"
	" ORDER BY attempt_id, question_version_id;"
	"DROP TABLE response;"
	"ALTER TABLE response_new RENAME TO response;",
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
