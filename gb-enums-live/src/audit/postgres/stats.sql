-- The planner's statistics of the columns of $1.$2: the most common values with their
-- frequencies, and the histogram bounds (frequency NULL): every value ANALYZE saw often
-- enough to keep.
SELECT s.attname::text AS column_name, u.val AS value, u.freq::float8 AS freq
FROM pg_catalog.pg_stats s,
     unnest(s.most_common_vals::text::text[], s.most_common_freqs) AS u(val, freq)
WHERE s.schemaname = $1 AND s.tablename = $2 AND NOT s.inherited
UNION ALL
SELECT s.attname::text, u.val, NULL::float8
FROM pg_catalog.pg_stats s,
     unnest(s.histogram_bounds::text::text[]) AS u(val)
WHERE s.schemaname = $1 AND s.tablename = $2 AND NOT s.inherited
ORDER BY 1, 2
