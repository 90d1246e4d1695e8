-- survey: per round, unit (with the units below it) and scale (all items, each
-- dimension, each area, each item): sheets, mean (reverse-scored items turned),
-- share favourable (4 or 5); participation per round.
CREATE TEMP TABLE anc AS SELECT s.id sid, u.path FROM unit s JOIN unit u ON s.path = u.path OR s.path LIKE u.path || '/%';
CREATE INDEX temp.anc_sid ON anc(sid);
CREATE TEMP TABLE a AS SELECT sh.round_id, sh.unit_id, sh.id sheet, i.id item, i.area, i.dimension,
  CASE WHEN i.reverse THEN 6 - sa.value ELSE sa.value END v
  FROM survey_answer sa JOIN survey_sheet sh ON sh.id = sa.sheet_id JOIN survey_item i ON i.id = sa.item_id;
CREATE TEMP TABLE au AS SELECT u.path, a.* FROM a JOIN anc u ON u.sid = a.unit_id;
SELECT round_id, path, 'all', '', count(DISTINCT sheet), avg(v), 100 * avg(v >= 4) FROM au GROUP BY 1, 2
UNION ALL SELECT round_id, path, 'dimension', dimension, count(DISTINCT sheet), avg(v), 100 * avg(v >= 4) FROM au GROUP BY 1, 2, 4
UNION ALL SELECT round_id, path, 'area', area, count(DISTINCT sheet), avg(v), 100 * avg(v >= 4) FROM au GROUP BY 1, 2, 4
UNION ALL SELECT round_id, path, 'item', item, count(DISTINCT sheet), avg(v), 100 * avg(v >= 4) FROM au GROUP BY 1, 2, 4;
SELECT round_id, count(*) FROM survey_participation GROUP BY 1;
