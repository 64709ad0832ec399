-- The trigger that keeps the other column of each converted column filled while both exist:
-- before the swap it writes the new column from the one the application writes; after the
-- swap, the reverse. It runs on INSERT and on an UPDATE OF the written columns (the backfill
-- writes only the other column, so it does not fire the trigger), and only when the value
-- changed, so that a kept spelling survives an update of other columns.
CREATE OR REPLACE FUNCTION {{function}}() RETURNS trigger LANGUAGE plpgsql AS {{body}};
DROP TRIGGER IF EXISTS gb_enums_sync ON {{table}};
CREATE TRIGGER gb_enums_sync BEFORE INSERT OR UPDATE OF {{columns}} ON {{table}}
  FOR EACH ROW EXECUTE FUNCTION {{function}}()
