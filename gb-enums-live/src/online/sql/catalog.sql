-- The catalog queries of the online conversion. Each section is one query; `{{name}}` is
-- replaced by a quoted literal or identifier before it is sent (simple query protocol).

-- name: table
-- The table named under [tables], found through the search_path as the application finds it.
SELECT c.oid, c.relkind, quote_ident(n.nspname), c.relname, format('%I.%I', n.nspname, c.relname),
       (SELECT coalesce(sum(greatest(p.reltuples, 0)), 0)::bigint
          FROM pg_partition_tree(c.oid) AS t JOIN pg_class AS p ON p.oid = t.relid WHERE t.isleaf),
       (SELECT coalesce(max(t.level), 0) FROM pg_partition_tree(c.oid) AS t)
  FROM pg_class AS c JOIN pg_namespace AS n ON n.oid = c.relnamespace
 WHERE c.oid = to_regclass({{name}});

-- name: key
-- The keyset of the backfill: the primary key, else the narrowest unique index without
-- predicate or expression whose columns are all NOT NULL.
SELECT quote_ident(a.attname), format_type(a.atttypid, a.atttypmod)
  FROM (SELECT x.indkey, x.indnkeyatts FROM pg_index AS x
         WHERE x.indrelid = {{oid}} AND x.indisunique AND x.indisvalid
           AND x.indpred IS NULL AND x.indexprs IS NULL
           AND NOT EXISTS (SELECT 1 FROM unnest(x.indkey::int2[]) AS k(attnum)
                             JOIN pg_attribute AS a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
                            WHERE NOT a.attnotnull)
         ORDER BY x.indisprimary DESC, x.indnkeyatts, x.indexrelid LIMIT 1) AS x
 CROSS JOIN LATERAL unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
  JOIN pg_attribute AS a ON a.attrelid = {{oid}} AND a.attnum = k.attnum
 WHERE k.n <= x.indnkeyatts
 ORDER BY k.n;

-- name: columns
SELECT a.attname, a.attnum, format_type(a.atttypid, a.atttypmod), t.typcategory, a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid), col_description(a.attrelid, a.attnum), a.attgenerated <> ''
  FROM pg_attribute AS a
  JOIN pg_type AS t ON t.oid = a.atttypid
  LEFT JOIN pg_attrdef AS d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE a.attrelid = {{oid}} AND a.attnum > 0 AND NOT a.attisdropped
 ORDER BY a.attnum;

-- name: partitions
-- The partitions of a partitioned table (one level).
SELECT c.oid, format('%I.%I', n.nspname, c.relname)
  FROM pg_partition_tree({{oid}}) AS t
  JOIN pg_class AS c ON c.oid = t.relid
  JOIN pg_namespace AS n ON n.oid = c.relnamespace
 WHERE t.level = 1
 ORDER BY c.relname;

-- name: blockers
-- What the conversion cannot carry over by itself: foreign keys, views and other objects
-- that depend on a converted column (they follow the column's number, not its name, and
-- would keep reading the text column after the swap).
SELECT format('%s is part of the foreign key %I', a.attname, con.conname)
  FROM pg_constraint AS con
  JOIN pg_attribute AS a ON a.attrelid = {{oid}} AND a.attnum IN ({{attnums}})
 WHERE con.contype = 'f'
   AND ((con.conrelid = {{oid}} AND a.attnum = ANY (con.conkey)) OR (con.confrelid = {{oid}} AND a.attnum = ANY (con.confkey)))
UNION ALL
SELECT DISTINCT format('%s is used by %s %s', a.attname,
         CASE c.relkind WHEN 'v' THEN 'the view' WHEN 'm' THEN 'the materialized view' ELSE 'the relation' END,
         c.oid::regclass)
  FROM pg_depend AS d
  JOIN pg_rewrite AS r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
  JOIN pg_class AS c ON c.oid = r.ev_class
  JOIN pg_attribute AS a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
 WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = {{oid}} AND d.refobjsubid IN ({{attnums}})
   AND c.oid <> {{oid}}
UNION ALL
SELECT format('%s is used by the generated column %s', a.attname, g.attname)
  FROM pg_depend AS d
  JOIN pg_attribute AS a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
  JOIN pg_attribute AS g ON g.attrelid = d.objid AND g.attnum = d.objsubid
 WHERE d.classid = 'pg_class'::regclass AND d.objid = {{oid}} AND d.refobjid = {{oid}}
   AND d.refobjsubid IN ({{attnums}}) AND d.objsubid > 0 AND d.deptype = 'a';

-- name: indexes
-- The indexes that use a converted column (key, INCLUDE, expression or predicate), with what
-- is needed to build the same index on the other column: per key position, the column's
-- number (0 for an expression), its text, and its operator class, collation and ordering
-- when they are not the defaults.
SELECT x.indexrelid, quote_ident(ic.relname), ic.relname, x.indisvalid, x.indisunique,
       (SELECT con.contype FROM pg_constraint AS con WHERE con.conindid = x.indexrelid AND con.conrelid = x.indrelid LIMIT 1),
       am.amname, x.indnkeyatts, pg_get_expr(x.indpred, x.indrelid),
       (SELECT string_agg(concat_ws(E'\x1f', k.attnum,
                 pg_get_indexdef(x.indexrelid, k.n::int, false),
                 CASE WHEN k.n <= x.indnkeyatts AND NOT oc.opcdefault THEN quote_ident(ocn.nspname) || '.' || quote_ident(oc.opcname) ELSE '' END,
                 CASE WHEN k.n <= x.indnkeyatts AND x.indcollation[k.n - 1] <> 0
                           AND x.indcollation[k.n - 1] IS DISTINCT FROM a.attcollation
                      THEN 'COLLATE ' || x.indcollation[k.n - 1]::regcollation::text ELSE '' END,
                 CASE WHEN k.n > x.indnkeyatts THEN ''
                      WHEN x.indoption[k.n - 1] & 1 = 1 AND x.indoption[k.n - 1] & 2 = 0 THEN 'DESC NULLS LAST'
                      WHEN x.indoption[k.n - 1] & 1 = 1 THEN 'DESC'
                      WHEN x.indoption[k.n - 1] & 2 = 2 THEN 'NULLS FIRST'
                      ELSE '' END), E'\x1e' ORDER BY k.n)
          FROM unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
          LEFT JOIN pg_attribute AS a ON a.attrelid = x.indrelid AND a.attnum = k.attnum AND k.attnum > 0
          LEFT JOIN pg_opclass AS oc ON k.n <= x.indnkeyatts AND oc.oid = x.indclass[k.n - 1]
          LEFT JOIN pg_namespace AS ocn ON ocn.oid = oc.opcnamespace),
       x.indexprs IS NOT NULL AND (SELECT bool_or(x.indexprs::text LIKE '% :varattno ' || n || ' %') FROM unnest(ARRAY[{{attnums}}]) AS n),
       (SELECT string_agg(n::text, ',') FROM unnest(ARRAY[{{attnums}}]) AS n
         WHERE n = ANY (x.indkey::int2[]) OR x.indexprs::text LIKE '% :varattno ' || n || ' %' OR x.indpred::text LIKE '% :varattno ' || n || ' %')
  FROM pg_index AS x
  JOIN pg_class AS ic ON ic.oid = x.indexrelid
  JOIN pg_am AS am ON am.oid = ic.relam
 WHERE x.indrelid = {{oid}}
   AND EXISTS (SELECT 1 FROM unnest(ARRAY[{{attnums}}]) AS n
                WHERE n = ANY (x.indkey::int2[]) OR x.indexprs::text LIKE '% :varattno ' || n || ' %' OR x.indpred::text LIKE '% :varattno ' || n || ' %')
 ORDER BY ic.relname;

-- name: index_by_name
-- An index of this schema by name: its table, validity and whether it is attached to a parent.
SELECT ic.oid, x.indrelid, x.indisvalid, x.indisready,
       EXISTS (SELECT 1 FROM pg_inherits AS i WHERE i.inhrelid = ic.oid)
  FROM pg_class AS ic
  JOIN pg_index AS x ON x.indexrelid = ic.oid
 WHERE ic.relnamespace = {{nsp}}::regnamespace AND ic.relname = {{name}};

-- name: partition_indexes
-- The partitions' indexes attached to a partitioned index.
SELECT quote_ident(c.relname), c.relname, x.indrelid, format('%I.%I', n.nspname, t.relname)
  FROM pg_inherits AS i
  JOIN pg_class AS c ON c.oid = i.inhrelid
  JOIN pg_index AS x ON x.indexrelid = c.oid
  JOIN pg_class AS t ON t.oid = x.indrelid
  JOIN pg_namespace AS n ON n.oid = t.relnamespace
 WHERE i.inhparent = {{oid}}
 ORDER BY t.relname;

-- name: checks
-- The CHECK constraints that use a converted column.
SELECT con.conname, pg_get_constraintdef(con.oid), con.convalidated,
       (SELECT string_agg(n::text, ',') FROM unnest(con.conkey) AS n WHERE n IN ({{attnums}})),
       con.conislocal
  FROM pg_constraint AS con
 WHERE con.conrelid = {{oid}} AND con.contype = 'c' AND con.conkey && ARRAY[{{attnums}}]::int2[]
 ORDER BY con.conname;

-- name: busy
-- Whether a lock on the table (or one of its partitions) is held by autovacuum or by a
-- transaction open for longer than {{ms}} ms. A DDL asking for its lock now would wait for
-- it, and every query of the table would queue behind the DDL for up to the lock timeout; so
-- the DDL waits for a quiet moment instead, holding nothing.
SELECT count(*)
  FROM pg_locks AS l
  JOIN pg_stat_activity AS a ON a.pid = l.pid
 WHERE l.granted AND l.locktype = 'relation' AND l.pid <> pg_backend_pid()
   AND l.relation IN (SELECT relid FROM pg_partition_tree({{oid}}))
   AND (a.backend_type = 'autovacuum worker' OR a.xact_start < now() - interval '{{ms}} milliseconds');

-- name: wal_position
-- Where the server's WAL is now, and how many bytes were written since {{since}} (by every
-- session, ours and the application's): the backfill paces itself on it, since the
-- application's commits wait for that WAL to be flushed and checkpoints follow its volume.
SELECT pg_current_wal_lsn()::text, pg_wal_lsn_diff(pg_current_wal_lsn(), {{since}})::bigint
