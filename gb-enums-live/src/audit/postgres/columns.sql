-- Every live column of table $1 (an oid) in storage order: its type as written, what kind of
-- type it is (domains are looked through), its storage length and alignment (for padding),
-- its default, its comment, and the planner's average width.
SELECT a.attname::text AS name,
       pg_catalog.format_type(a.atttypid, a.atttypmod) AS type,
       COALESCE(b.typname, t.typname)::text AS base_type,
       COALESCE(b.typtype, t.typtype)::text AS type_kind,
       t.typlen::int4 AS typlen,
       t.typalign::text AS typalign,
       pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_expr,
       pg_catalog.col_description(a.attrelid, a.attnum) AS comment,
       s.avg_width::int4 AS avg_width
FROM pg_catalog.pg_attribute a
JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_catalog.pg_type b ON t.typtype = 'd' AND b.oid = t.typbasetype
LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
LEFT JOIN pg_catalog.pg_stats s
       ON s.schemaname = n.nspname AND s.tablename = c.relname AND s.attname = a.attname
      AND NOT s.inherited
WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
