-- The progress of the online conversion, next to the tables it converts: one row per table,
-- written in the same transaction as each batch of the backfill, so that a run that was
-- killed continues from the last committed batch.
CREATE TABLE IF NOT EXISTS {{nsp}}.gb_enums_online (
  table_name text PRIMARY KEY,
  -- `up` (text to SMALLINT) or `down` (back to text): what the last run converted to.
  direction text NOT NULL,
  -- `started`, `backfilled`, `swapped`.
  phase text NOT NULL,
  -- The key of the last row the backfill wrote, as text, one element per key column.
  last_key text[],
  rows_done bigint NOT NULL DEFAULT 0,
  -- The CHECK constraints dropped from the column set aside at the swap, as
  -- `name<tab>definition` lines, so that going back restores them exactly.
  dropped_checks text,
  updated_at timestamptz NOT NULL DEFAULT now());
COMMENT ON TABLE {{nsp}}.gb_enums_online IS 'Written by `gb-enums migrate --online`: the progress of each table''s conversion; `--finalize` drops it.'
