-- CHECK ('c') and foreign key ('f') constraints of table $1 (an oid), one row per column they
-- constrain, with their definition as pg_dump writes it.
SELECT a.attname::text AS column_name,
       con.conname::text AS name,
       con.contype::text AS kind,
       pg_catalog.pg_get_constraintdef(con.oid) AS definition
FROM pg_catalog.pg_constraint con
JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = ANY (con.conkey)
WHERE con.conrelid = $1 AND con.contype IN ('c', 'f')
ORDER BY 1, 2
