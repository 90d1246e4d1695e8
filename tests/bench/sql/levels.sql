-- levels: per window, person and topic the mean of the latest mark per
-- question answered in the window (kiosk and paper; an anonymous sheet is a
-- person of its own; SQLite's bare columns take the mark of the row with
-- max(day)); per unit (with the units below it) the mean over its people;
-- the organisation's level for the 12 months to each of 8 quarter ends.
CREATE TEMP TABLE anc AS SELECT s.id sid, u.path FROM unit s JOIN unit u ON s.path = u.path OR s.path LIKE u.path || '/%';
CREATE INDEX temp.anc_sid ON anc(sid);
CREATE TEMP TABLE ans AS SELECT coalesce(a.person_id, -a.id) who, coalesce(per.unit_id, a.unit_id) uid,
  qv.question_id qid, coalesce(q.topic, '') topic, r.mark mark, substr(r.answered, 1, 10) day
  FROM response r JOIN attempt a ON a.id = r.attempt_id JOIN question_version qv ON qv.id = r.question_version_id
  JOIN question q ON q.id = qv.question_id LEFT JOIN person per ON per.id = a.person_id
  WHERE r.mark IS NOT NULL AND r.answered >= date('now', '-45 months');
CREATE INDEX temp.ans_day ON ans(day);
CREATE TEMP TABLE win(kind, f, t);
INSERT INTO win VALUES ('current', date('now', '-12 months'), date('now')),
  ('previous', date('now', '-24 months'), date('now', '-12 months'));
WITH RECURSIVE qn(k) AS (VALUES (0) UNION ALL SELECT k + 1 FROM qn WHERE k < 7)
INSERT INTO win SELECT 'quarter' || k, date('now', 'start of month', '-' || (3 * k) || ' months', '-12 months'),
  date('now', 'start of month', '-' || (3 * k) || ' months') FROM qn;
CREATE TEMP TABLE latest AS SELECT w.kind, ans.who, ans.uid, ans.topic, ans.mark, max(ans.day)
  FROM win w JOIN ans ON ans.day > w.f AND ans.day <= w.t GROUP BY w.kind, ans.who, ans.qid;
CREATE TEMP TABLE pl AS SELECT kind, who, uid, topic, avg(mark) lvl FROM latest GROUP BY kind, who, topic
  UNION ALL SELECT kind, who, uid, 'all', avg(mark) FROM latest GROUP BY kind, who;
SELECT pl.kind, u.path, pl.topic, count(*), round(100 * avg(lvl), 1) FROM pl JOIN anc u ON u.sid = pl.uid WHERE pl.kind IN ('current', 'previous') GROUP BY 1, 2, 3
UNION ALL
SELECT kind, '', topic, count(*), round(100 * avg(lvl), 1) FROM pl WHERE kind LIKE 'quarter%' GROUP BY 1, 3;
