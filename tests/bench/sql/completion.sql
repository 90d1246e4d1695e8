-- completion: per period, unit (with the units below it) and all-staff course:
-- people assigned and active that day, passed (latest pass on or before it),
-- overdue, refresh due. (The assignment table's extra rows are left out.)
CREATE TEMP TABLE anc AS SELECT s.id sid, u.path FROM unit s JOIN unit u ON s.path = u.path OR s.path LIKE u.path || '/%';
CREATE INDEX temp.anc_sid ON anc(sid);
WITH RECURSIVE
 days(period, d) AS (VALUES ('current', date('now')), ('previous', date('now', '-12 months'))),
 courses AS (SELECT c.id, coalesce(c.due_days, 60) due_days, coalesce(c.refresh_months, 12) rm,
   coalesce(ci.introduced, c.built) intro FROM course c LEFT JOIN course_intro ci ON ci.course_id = c.id
   WHERE c.audience = 'all' AND c.translation_of IS NULL AND c.retired = 0),
 base(base_id, cid) AS (SELECT id, id FROM courses UNION ALL
   SELECT b.id, t.id FROM course t JOIN course b ON b.slug = t.translation_of WHERE b.id IN (SELECT id FROM courses)),
 pass AS (SELECT cp.person_id, b.base_id cid, substr(cp.passed_at, 1, 10) day
   FROM completion cp JOIN base b ON b.cid = cp.course_id),
 lastpass AS MATERIALIZED (SELECT d.period, pass.person_id, pass.cid, max(pass.day) last
   FROM days d JOIN pass ON pass.day <= d.d GROUP BY 1, 2, 3),
 st AS (SELECT d.period, p.unit_id, c.id cid, d.d, c.rm, l.last,
   date(max(substr(p.created, 1, 10), substr(c.intro, 1, 10)), '+' || c.due_days || ' days') due
   FROM days d JOIN person p ON substr(p.created, 1, 10) <= d.d AND (p.left_at IS NULL OR substr(p.left_at, 1, 10) > d.d)
   CROSS JOIN courses c LEFT JOIN lastpass l ON l.period = d.period AND l.person_id = p.id AND l.cid = c.id),
 per_unit AS (SELECT period, unit_id, cid, count(*) assigned, sum(last IS NOT NULL) passed,
   sum(last IS NULL AND d > due) overdue, sum(last IS NOT NULL AND d >= date(last, '+' || rm || ' months')) refresh_due
   FROM st GROUP BY 1, 2, 3)
SELECT pu.period, u.path, pu.cid, sum(assigned), sum(passed), sum(overdue), sum(refresh_due),
  round(100.0 * sum(passed) / sum(assigned), 1)
FROM per_unit pu JOIN anc u ON u.sid = pu.unit_id
GROUP BY 1, 2, 3;
