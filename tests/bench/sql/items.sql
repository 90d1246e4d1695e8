-- items: per question version over the finished quiz attempts: attempts,
-- facility (mean mark), standard deviation, discrimination (Pearson r of the
-- mark with the rest of the test); per course Cronbach's alpha.
CREATE TEMP TABLE resp AS SELECT r.attempt_id, a.course_id, r.question_version_id v, r.mark m
  FROM response r JOIN attempt a ON a.id = r.attempt_id
  WHERE a.kind = 'quiz' AND a.finished IS NOT NULL AND r.mark IS NOT NULL;
CREATE TEMP TABLE tot AS SELECT attempt_id, course_id, sum(m) total, count(*) k FROM resp GROUP BY 1;
SELECT resp.v, count(*), 100 * avg(m), 100 * sqrt(max(avg(m * m) - avg(m) * avg(m), 0)),
  100 * (avg(m * (total - m)) - avg(m) * avg(total - m)) /
  nullif(sqrt((avg(m * m) - avg(m) * avg(m)) * (avg((total - m) * (total - m)) - avg(total - m) * avg(total - m))), 0)
  FROM resp JOIN tot USING (attempt_id) GROUP BY resp.v;
WITH iv AS (SELECT course_id, v, avg(m * m) - avg(m) * avg(m) var FROM resp GROUP BY 1, 2),
 tv AS (SELECT course_id, avg(total * total) - avg(total) * avg(total) var, max(k) k FROM tot GROUP BY 1)
SELECT tv.course_id, tv.k * 1.0 / (tv.k - 1) * (1 - sum(iv.var) / tv.var) FROM tv JOIN iv USING (course_id)
  GROUP BY tv.course_id;
