-- responses: every scored response of the last 12 months with its course,
-- question, version, topic, kind, source, time, mark and unit, as CSV.
.mode csv
SELECT r.attempt_id, c.slug, q.name, qv.version, q.topic, a.kind, a.source, r.answered, r.mark,
  coalesce(per.unit_id, a.unit_id)
  FROM response r JOIN attempt a ON a.id = r.attempt_id JOIN course c ON c.id = a.course_id
  JOIN question_version qv ON qv.id = r.question_version_id JOIN question q ON q.id = qv.question_id
  LEFT JOIN person per ON per.id = a.person_id
  WHERE r.mark IS NOT NULL AND r.answered > date('now', '-12 months');
