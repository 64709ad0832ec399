-- The table $1, resolved through search_path as the application's own queries resolve it:
-- its oid, kind, the planner's row estimate (-1: never analyzed) and its size in blocks.
SELECT c.oid,
       n.nspname::text AS schema,
       c.relkind::text AS kind,
       c.reltuples::float8 AS reltuples,
       (pg_catalog.pg_relation_size(c.oid) / pg_catalog.current_setting('block_size')::int8)::int8 AS blocks
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.oid = pg_catalog.to_regclass(pg_catalog.quote_ident($1))
