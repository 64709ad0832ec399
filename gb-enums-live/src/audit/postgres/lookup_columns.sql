-- The live columns of the lookup table $1 (a name, resolved through search_path); no row
-- when the table does not exist.
SELECT a.attname::text AS name
FROM pg_catalog.pg_attribute a
WHERE a.attrelid = pg_catalog.to_regclass(pg_catalog.quote_ident($1))
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
