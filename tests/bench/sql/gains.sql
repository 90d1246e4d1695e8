-- gains: per period, course and unit (with the units below it): people whose
-- first finished quiz at the course falls in the period and who finished a
-- pre-test before it; mean score of the latest such pre-test, mean score of
-- that first quiz, and Hake's g from the two means.
CREATE TEMP TABLE anc AS SELECT s.id sid, u.path FROM unit s JOIN unit u ON s.path = u.path OR s.path LIKE u.path || '/%';
CREATE INDEX temp.anc_sid ON anc(sid);
CREATE TEMP TABLE win(kind, f, t);
INSERT INTO win VALUES ('current', date('now', '-12 months'), date('now')),
  ('previous', date('now', '-24 months'), date('now', '-12 months'));
CREATE TEMP TABLE firstquiz AS SELECT person_id, course_id, min(finished) fq, score post
  FROM attempt WHERE kind = 'quiz' AND finished IS NOT NULL AND person_id IS NOT NULL GROUP BY 1, 2;
CREATE TEMP TABLE g AS SELECT w.kind, f.person_id, f.course_id, f.post,
  (SELECT p.score FROM attempt p WHERE p.person_id = f.person_id AND p.course_id = f.course_id AND p.kind = 'pre'
    AND p.finished IS NOT NULL AND p.finished < f.fq ORDER BY p.finished DESC LIMIT 1) pre
  FROM firstquiz f JOIN win w ON substr(f.fq, 1, 10) > w.f AND substr(f.fq, 1, 10) <= w.t;
SELECT g.kind, u.path, g.course_id, count(*), avg(pre), avg(post), (avg(post) - avg(pre)) / (100 - avg(pre))
  FROM g JOIN person per ON per.id = g.person_id JOIN anc u ON u.sid = per.unit_id WHERE g.pre IS NOT NULL GROUP BY 1, 2, 3;
