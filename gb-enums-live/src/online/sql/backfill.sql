-- One batch of the backfill, in its own transaction: the next rows by key after the last one
-- written, their other column computed from the one the application writes, and the
-- progress row moved on, so that a kill loses at most this uncommitted batch.
WITH batch AS (
  SELECT {{key}} FROM {{table}} WHERE {{after}} ORDER BY {{key}} LIMIT {{size}}
), written AS (
  UPDATE {{table}} AS t SET {{sets}} FROM batch WHERE {{join}}
  RETURNING {{unmapped}} AS unmapped
), last AS (
  SELECT {{key_text}} FROM batch ORDER BY {{key_desc}} LIMIT 1
), progress AS (
  UPDATE {{nsp}}.gb_enums_online
     SET last_key = (SELECT ARRAY[{{last_cols}}] FROM last),
         rows_done = rows_done + (SELECT count(*) FROM written), updated_at = now()
   WHERE table_name = {{table_name}} AND EXISTS (SELECT 1 FROM last)
)
SELECT (SELECT count(*) FROM written), (SELECT count(*) FROM written WHERE unmapped), {{last_select}}
