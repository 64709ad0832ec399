-- The partial indexes of table $1 (an oid) with their predicates.
SELECT i.relname::text AS name, pg_catalog.pg_get_expr(x.indpred, x.indrelid) AS predicate
FROM pg_catalog.pg_index x
JOIN pg_catalog.pg_class i ON i.oid = x.indexrelid
WHERE x.indrelid = $1 AND x.indpred IS NOT NULL
ORDER BY 1
