DECLARE
  _c record;          -- a bound column
  _t record;          -- a table with columns to convert
  _i record;          -- an index or constraint
  _v record;          -- a value and its spellings
  _rel regclass;
  _nsp text;
  _table text;
  _found boolean;
  _problems text[] := '{}';
  _bad text;
  _tpl text;          -- the mapping, a format() template of the operand
  _default text;
  _mapped smallint;
  _cmds text[];
  _pk text;
  _names text[];
  _n bigint;
  _s text;
  _r boolean;
  _results boolean[];
  _in text[];
  _out text[];
  _null_in boolean;
  _pred text;
  _col record;
  _def text;
  _new text;
  _expr text;
  _k int;
  _at int;
BEGIN
  -- Left over by an earlier run in this session that failed after its checks.
  IF to_regclass('pg_temp.gb_enums_column') IS NOT NULL THEN
    DROP TABLE pg_temp.gb_enums_column, pg_temp.gb_enums_value, pg_temp.gb_enums_index, pg_temp.gb_enums_check, pg_temp.gb_enums_stored;
  END IF;
  CREATE TEMP TABLE gb_enums_column (
    ord int PRIMARY KEY, table_name text NOT NULL, column_name text NOT NULL, enum_key text NOT NULL,
    open boolean NOT NULL, default_value smallint,
    -- found in the catalog:
    rel regclass, attnum smallint, type_name text, base_type text, kind text, old_default text,
    tpl text, new_default text, map jsonb, per_row boolean);
  CREATE TEMP TABLE gb_enums_value (
    enum_key text NOT NULL, value smallint NOT NULL, name text NOT NULL, spelling text NOT NULL, ord int NOT NULL);
  CREATE TEMP TABLE gb_enums_index (rel regclass, parent regclass, name text, relname text, old_def text, new_def text);
  -- CHECK constraints on converted columns (of the table or of one of its partitions): the
  -- translation, or NULL for a CHECK that only restates the enum's list (dropped: the
  -- design is CHECK-free, adding a value never needs an ALTER).
  CREATE TEMP TABLE gb_enums_check (rel regclass, parent regclass, relname text, name text, old_def text, new_def text);
  -- The distinct stored strings of each text column, and how often each is stored.
  CREATE TEMP TABLE gb_enums_stored (ord int, spelling text, n bigint, value smallint);
  -- @data

  -- 1. Look at every column in the catalog and check every stored value. Nothing changes
  --    here: the first problem does not stop the checks, and all of them are reported.
  FOR _c IN SELECT * FROM pg_temp.gb_enums_column ORDER BY ord LOOP
    _rel := to_regclass(quote_ident(_c.table_name));
    IF _rel IS NULL THEN
      _problems := _problems || format('table %s does not exist (search_path is %s)', _c.table_name, current_setting('search_path'));
      CONTINUE;
    END IF;
    -- Nothing may write a new string between the checks and the conversion. The wait is
    -- bounded by lock_timeout: queries queue behind a waiting ALTER, so it must not wait long.
    BEGIN
      EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', _rel);
    EXCEPTION WHEN lock_not_available THEN
      RAISE EXCEPTION USING
        MESSAGE = format('gb-enums: nothing was changed: table %s is in use, and its lock was not granted within lock_timeout (%s)', _rel, current_setting('lock_timeout')),
        HINT = 'run the migration again when the table is less busy, or give a longer --lock-timeout';
    END;
    UPDATE pg_temp.gb_enums_column g
       SET rel = _rel,
           attnum = a.attnum,
           type_name = format_type(a.atttypid, a.atttypmod),
           base_type = format_type(a.atttypid, NULL),
           old_default = pg_get_expr(d.adbin, d.adrelid),
           kind = CASE
             WHEN a.atttypid = 'int2'::regtype THEN 'done'
             WHEN a.atttypid IN ('int4'::regtype, 'int8'::regtype) THEN 'integer'
             WHEN ty.typcategory IN ('S', 'E') THEN 'text'
           END
      FROM pg_attribute a
      JOIN pg_type ty ON ty.oid = a.atttypid
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE g.ord = _c.ord AND a.attrelid = _rel AND a.attname = _c.column_name
       AND a.attnum > 0 AND NOT a.attisdropped;
    IF NOT FOUND THEN
      _problems := _problems || format('column %s.%s does not exist', _rel, _c.column_name);
      CONTINUE;
    END IF;
    SELECT * INTO _col FROM pg_temp.gb_enums_column WHERE ord = _c.ord;
    IF _col.kind IN ('text', 'integer') THEN
      -- Views, triggers, policies and generated columns that use the column: PostgreSQL
      -- refuses to change its type under them, so they are named before anything changes.
      FOR _i IN
        SELECT DISTINCT CASE d.classid
                 WHEN 'pg_rewrite'::regclass THEN format('view %s', r.ev_class::regclass)
                 WHEN 'pg_trigger'::regclass THEN format('trigger %I', tg.tgname)
                 WHEN 'pg_policy'::regclass THEN format('policy %I', po.polname)
                 ELSE format('generated column %I', ga.attname) END AS what
          FROM pg_depend d
          LEFT JOIN pg_rewrite r ON d.classid = 'pg_rewrite'::regclass AND r.oid = d.objid
          LEFT JOIN pg_trigger tg ON d.classid = 'pg_trigger'::regclass AND tg.oid = d.objid
          LEFT JOIN pg_policy po ON d.classid = 'pg_policy'::regclass AND po.oid = d.objid
          LEFT JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND ad.oid = d.objid
          LEFT JOIN pg_attribute ga ON ga.attrelid = ad.adrelid AND ga.attnum = ad.adnum
         WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = _rel AND d.refobjsubid = _col.attnum
           AND (d.classid IN ('pg_rewrite'::regclass, 'pg_trigger'::regclass, 'pg_policy'::regclass)
                OR (d.classid = 'pg_attrdef'::regclass AND ad.adnum <> _col.attnum))
         ORDER BY 1
      LOOP
        _problems := _problems || format('%s.%s is used by %s, under which PostgreSQL cannot change its type; drop it before migrating and create it again afterwards', _rel, _col.column_name, _i.what);
      END LOOP;
    END IF;
    IF _col.kind IS NULL THEN
      _problems := _problems || format('column %s.%s is %s; only text, enum and integer columns are converted', _rel, _col.column_name, _col.type_name);
      CONTINUE;
    ELSIF _col.kind = 'done' THEN
      RAISE NOTICE 'gb-enums: %.% is already SMALLINT; left as it is', _rel, _col.column_name;
      CONTINUE;
    ELSIF _col.kind = 'integer' THEN
      -- Numbers stay numbers: they must be values of the enum (any SMALLINT for an open one).
      EXECUTE format(
        $q$SELECT string_agg(v || ' (' || n || CASE n WHEN 1 THEN ' row)' ELSE ' rows)' END, ', ' ORDER BY v)
             FROM (SELECT %1$I::bigint AS v, count(*) AS n FROM %2$s
                    WHERE %1$I IS NOT NULL AND NOT (%1$I::bigint = ANY (%3$L::bigint[])) GROUP BY 1) AS unknown$q$,
        _col.column_name, _rel,
        CASE WHEN _col.open THEN NULL
             ELSE (SELECT array_agg(DISTINCT value)::text FROM pg_temp.gb_enums_value WHERE enum_key = _col.enum_key) END)
        INTO _bad;
      IF _col.open THEN
        EXECUTE format(
          $q$SELECT string_agg(v || ' (' || n || CASE n WHEN 1 THEN ' row)' ELSE ' rows)' END, ', ' ORDER BY v)
               FROM (SELECT %1$I::bigint AS v, count(*) AS n FROM %2$s
                      WHERE %1$I NOT BETWEEN -32768 AND 32767 GROUP BY 1) AS too_big$q$, _col.column_name, _rel)
          INTO _bad;
      END IF;
      IF _bad IS NOT NULL THEN
        _problems := _problems || format('%s.%s stores numbers that are no value of enum %s: %s', _rel, _col.column_name, _col.enum_key, _bad);
      END IF;
      UPDATE pg_temp.gb_enums_column SET new_default = default_value::text WHERE ord = _c.ord;
      CONTINUE;
    END IF;

    -- A text column: the mapping is a CASE on the exact spellings (names, then aliases),
    -- then on lower() for the lower-cased spellings that name one value only.
    SELECT format('CASE %%1$s %s ELSE CASE lower(%%1$s) %s END END',
             (SELECT string_agg(format('WHEN %s THEN %s', replace(quote_literal(spelling), '%', '%%'), value), ' ' ORDER BY value, ord)
                FROM pg_temp.gb_enums_value WHERE enum_key = _col.enum_key),
             coalesce((SELECT string_agg(format('WHEN %s THEN %s', replace(quote_literal(l), '%', '%%'), v), ' ' ORDER BY v, l)
                         FROM (SELECT lower(spelling) AS l, min(value) AS v FROM pg_temp.gb_enums_value
                                WHERE enum_key = _col.enum_key GROUP BY 1 HAVING count(DISTINCT value) = 1) AS folded),
                      'WHEN NULL THEN NULL'))
      INTO _tpl;
    -- One scan: the distinct stored strings, mapped afterwards (there are few of them).
    EXECUTE format('INSERT INTO pg_temp.gb_enums_stored (ord, spelling, n) SELECT $1, %1$I::text, count(*) FROM %2$s WHERE %1$I IS NOT NULL GROUP BY 2',
      _col.column_name, _rel) USING _c.ord;
    EXECUTE format('UPDATE pg_temp.gb_enums_stored SET value = %s WHERE ord = $1', format(_tpl, 'spelling')) USING _c.ord;
    SELECT string_agg(quote_literal(spelling) || ' (' || n || CASE n WHEN 1 THEN ' row)' ELSE ' rows)' END, ', ' ORDER BY n DESC, spelling)
      INTO _bad FROM pg_temp.gb_enums_stored WHERE ord = _c.ord AND value IS NULL;
    IF _bad IS NOT NULL THEN
      _problems := _problems || format('%s.%s stores strings that are no name or alias of enum %s: %s', _rel, _col.column_name, _col.enum_key, _bad);
    END IF;
    -- The new default: [tables]'s, else the old text default translated.
    _default := _col.default_value::text;
    IF _default IS NULL AND _col.old_default IS NOT NULL THEN
      BEGIN
        EXECUTE format('SELECT (%s)::text', _col.old_default) INTO _s;
        EXECUTE format('SELECT %s', format(_tpl, '$1::text')) INTO _mapped USING _s;
      EXCEPTION WHEN OTHERS THEN
        _mapped := NULL;
      END;
      IF _mapped IS NULL THEN
        _problems := _problems || format('%s.%s has the default %s, which is no value of enum %s; give the column a `default` in [tables]', _rel, _col.column_name, _col.old_default, _col.enum_key);
      END IF;
      _default := _mapped::text;
    END IF;
    FOR _i IN SELECT conname FROM pg_constraint
               WHERE contype = 'f' AND ((conrelid = _rel AND _col.attnum = ANY (conkey)) OR (confrelid = _rel AND _col.attnum = ANY (confkey)))
    LOOP
      _problems := _problems || format('%s.%s is part of the foreign key %I, which cannot join text to numbers; drop it before migrating', _rel, _col.column_name, _i.conname);
    END LOOP;
    UPDATE pg_temp.gb_enums_column
       SET tpl = _tpl, new_default = _default,
           -- Exact spellings first, then the lower-cased ones that name one value only.
           map = (SELECT jsonb_object_agg(k, v) FROM (
                    SELECT DISTINCT ON (k) k, v FROM (
                      SELECT spelling AS k, value AS v, 0 AS pass FROM pg_temp.gb_enums_value WHERE enum_key = _col.enum_key
                      UNION ALL
                      SELECT lower(spelling), min(value), 1 FROM pg_temp.gb_enums_value WHERE enum_key = _col.enum_key
                       GROUP BY 1 HAVING count(DISTINCT value) = 1) AS m
                     ORDER BY k, pass) AS m),
           per_row = EXISTS (SELECT 1 FROM pg_temp.gb_enums_stored WHERE ord = _c.ord AND value IS NOT NULL
                              GROUP BY value HAVING count(*) > 1)
     WHERE ord = _c.ord;
  END LOOP;

  -- CHECK constraints that mention a converted text column, on the table or on one of its
  -- partitions (an inherited copy goes with its parent's): each comparison of the column with
  -- strings becomes one with numbers, the rest of the expression stays as it is.
  FOR _i IN
    SELECT c.conname, c.conrelid::regclass AS rel, p.rel AS parent, cl.relname, pg_get_constraintdef(c.oid) AS def,
           pg_get_expr(c.conbin, c.conrelid) AS expr,
           ARRAY(SELECT g.ord FROM pg_temp.gb_enums_column g JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attname = g.column_name
                  WHERE g.rel = p.rel AND g.kind = 'text' AND a.attnum = ANY (c.conkey) ORDER BY g.ord) AS cols,
           cardinality(c.conkey) AS n
      FROM (SELECT DISTINCT rel FROM pg_temp.gb_enums_column WHERE kind = 'text') AS p
      CROSS JOIN LATERAL (SELECT p.rel AS relid UNION SELECT relid FROM pg_partition_tree(p.rel)) AS tree
      JOIN pg_constraint c ON c.conrelid = tree.relid AND c.contype = 'c' AND c.coninhcount = 0
      JOIN pg_class cl ON cl.oid = c.conrelid
     ORDER BY 2, 1
  LOOP
    CONTINUE WHEN cardinality(_i.cols) = 0;
    IF _i.n = 1 THEN
      -- A CHECK on the column alone that every value of the enum passes (in one of its
      -- spellings) only restates the list: dropped, as the design is CHECK-free (adding a
      -- value never needs an ALTER).
      SELECT * INTO _col FROM pg_temp.gb_enums_column WHERE ord = _i.cols[1];
      BEGIN
        EXECUTE format(
          $q$SELECT bool_and(ok) FROM (
               SELECT bool_or(coalesce((%s), true)) AS ok
                 FROM (SELECT value, spelling::%s AS %I FROM pg_temp.gb_enums_value
                        WHERE enum_key = $1 AND (cardinality($2::text[]) = 0 OR spelling = ANY ($2))) AS gb_enums_row
                GROUP BY value) AS v$q$,
          _i.expr, _col.base_type, _col.column_name)
          INTO _r
          USING _col.enum_key, ARRAY(SELECT enumlabel::text FROM pg_enum WHERE enumtypid = _col.base_type::regtype);
      EXCEPTION WHEN OTHERS THEN
        _r := false;
      END;
      IF _r THEN
        RAISE NOTICE 'gb-enums: %: CHECK constraint % only restates the values of enum %; dropped', _i.rel, _i.conname, _col.enum_key;
        INSERT INTO pg_temp.gb_enums_check VALUES (_i.rel, _i.parent, _i.relname, _i.conname, _i.def, NULL);
        CONTINUE;
      END IF;
    END IF;
    _new := _i.def;
    BEGIN
      FOR _col IN SELECT * FROM pg_temp.gb_enums_column WHERE ord = ANY (_i.cols) ORDER BY ord LOOP
        _new := pg_temp.gb_enums_translate(_new, _col.column_name, _col.map);
      END LOOP;
    EXCEPTION WHEN feature_not_supported THEN
      _problems := _problems || format('CHECK constraint %I of %s: %s; drop it before migrating, or rewrite it to compare the column with names', _i.conname, _i.rel, substr(SQLERRM, 11));
      CONTINUE;
    END;
    INSERT INTO pg_temp.gb_enums_check VALUES (_i.rel, _i.parent, _i.relname, _i.conname, _i.def, _new);
  END LOOP;

  -- Indexes whose predicate or expressions mention a converted text column, on the table or
  -- on one of its partitions (an index attached to a partitioned index goes with it).
  -- PostgreSQL would keep them after the ALTER, rewritten to compare `col::text` with the old
  -- strings: a predicate `status NOT IN ('completed', ...)` would become always true. So each
  -- is dropped and built again with the translated predicate and expressions; on a
  -- partitioned table it is built without ONLY, so that every partition gets its index and
  -- the parent's is valid.
  FOR _i IN
    SELECT x.indexrelid, x.indrelid::regclass AS rel, p.rel AS parent, x.indexrelid::regclass::text AS idx,
           (SELECT relname FROM pg_class WHERE oid = x.indexrelid) AS relname,
           pg_get_indexdef(x.indexrelid) AS def, pg_get_expr(x.indpred, x.indrelid) AS pred, x.indnatts, x.indkey,
           ARRAY(SELECT g.ord FROM pg_temp.gb_enums_column g JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attname = g.column_name
                  WHERE g.rel = p.rel AND g.kind = 'text'
                    AND (x.indpred::text LIKE '% :varattno ' || a.attnum || ' %' OR x.indexprs::text LIKE '% :varattno ' || a.attnum || ' %')
                  ORDER BY g.ord) AS cols,
           (SELECT conname FROM pg_constraint WHERE conindid = x.indexrelid AND conrelid = x.indrelid LIMIT 1) AS con
      FROM (SELECT DISTINCT rel FROM pg_temp.gb_enums_column WHERE kind = 'text') AS p
      CROSS JOIN LATERAL (SELECT p.rel AS relid UNION SELECT relid FROM pg_partition_tree(p.rel)) AS tree
      JOIN pg_index x ON x.indrelid = tree.relid
     WHERE (x.indpred IS NOT NULL OR x.indexprs IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = x.indexrelid)
     ORDER BY 2, 4
  LOOP
    CONTINUE WHEN cardinality(_i.cols) = 0;
    IF _i.con IS NOT NULL THEN
      _problems := _problems || format('index %s of constraint %I mentions a converted column; drop the constraint before migrating and create it again afterwards', _i.idx, _i.con);
      CONTINUE;
    END IF;
    _def := regexp_replace(_i.def, ' ON ONLY ', ' ON ');
    _new := _def;
    BEGIN
      IF _i.pred IS NOT NULL THEN
        IF right(_new, length(_i.pred) + 7) <> ' WHERE ' || _i.pred THEN
          _problems := _problems || format('index %s: cannot find its predicate in its definition %s', _i.idx, _i.def);
          CONTINUE;
        END IF;
        _expr := _i.pred;
        FOR _col IN SELECT * FROM pg_temp.gb_enums_column WHERE ord = ANY (_i.cols) ORDER BY ord LOOP
          _expr := pg_temp.gb_enums_translate(_expr, _col.column_name, _col.map);
        END LOOP;
        _new := left(_new, length(_new) - length(_i.pred)) || _expr;
      END IF;
      FOR _k IN 1 .. _i.indnatts LOOP
        CONTINUE WHEN _i.indkey[_k - 1] <> 0;
        _s := pg_get_indexdef(_i.indexrelid, _k, false);
        _expr := _s;
        FOR _col IN SELECT * FROM pg_temp.gb_enums_column WHERE ord = ANY (_i.cols) ORDER BY ord LOOP
          _expr := pg_temp.gb_enums_translate(_expr, _col.column_name, _col.map);
        END LOOP;
        CONTINUE WHEN _expr = _s;
        _at := position(_s IN _new);
        IF _at = 0 THEN
          _problems := _problems || format('index %s: cannot find its expression %s in its definition %s', _i.idx, _s, _i.def);
          CONTINUE;
        END IF;
        _new := overlay(_new PLACING _expr FROM _at FOR length(_s));
      END LOOP;
    EXCEPTION WHEN feature_not_supported THEN
      _problems := _problems || format('index %s: %s; drop it before migrating and create it again afterwards', _i.idx, substr(SQLERRM, 11));
      CONTINUE;
    END;
    INSERT INTO pg_temp.gb_enums_index (rel, parent, name, relname, old_def, new_def)
    VALUES (_i.rel, _i.parent, _i.idx, _i.relname, _def, _new);
  END LOOP;

  IF cardinality(_problems) > 0 THEN
    RAISE EXCEPTION USING
      MESSAGE = 'gb-enums: nothing was changed, because:' || E'\n  - ' || array_to_string(_problems, E'\n  - '),
      HINT = 'add the stored strings as aliases in schema.toml (or update the rows), then generate and run the migration again';
  END IF;

  -- 2. Convert, one ALTER TABLE (one rewrite) per table.
  FOR _t IN SELECT rel, min(ord) AS first FROM pg_temp.gb_enums_column WHERE kind IN ('text', 'integer')
             GROUP BY rel ORDER BY 2
  LOOP
    SELECT relnamespace::regnamespace::text, relname INTO _nsp, _table FROM pg_class WHERE oid = _t.rel;
    -- What the down migration needs to restore the table exactly, next to the table.
    IF to_regclass(_nsp || '.gb_enums_legacy') IS NULL THEN
      EXECUTE format($q$CREATE TABLE %1$s.gb_enums_legacy (
        table_name text NOT NULL, kind text NOT NULL, name text NOT NULL, definition text, extra text,
        PRIMARY KEY (table_name, kind, name));
      COMMENT ON TABLE %1$s.gb_enums_legacy IS 'Written by a gb-enums migration: the types, defaults, CHECK constraints and indexes it changed, so that its down migration restores them. Drop it once you will not go back.'$q$, _nsp);
    END IF;
    IF to_regclass(_nsp || '.gb_enums_legacy_text') IS NULL THEN
      EXECUTE format($q$CREATE TABLE %1$s.gb_enums_legacy_text (
        table_name text NOT NULL, column_name text NOT NULL, row_key jsonb NOT NULL, value smallint, original text,
        PRIMARY KEY (table_name, column_name, row_key));
      COMMENT ON TABLE %1$s.gb_enums_legacy_text IS 'Written by a gb-enums migration: stored strings that were an alias or another case of a name, by primary key, so that its down migration restores them exactly. Drop it once you will not go back.'$q$, _nsp);
    END IF;
    _cmds := '{}';
    FOR _i IN SELECT * FROM pg_temp.gb_enums_check WHERE parent = _t.rel ORDER BY rel, name LOOP
      EXECUTE format('INSERT INTO %s.gb_enums_legacy VALUES ($1, ''check'', $2, $3, $4) ON CONFLICT (table_name, kind, name) DO UPDATE SET definition = excluded.definition, extra = excluded.extra', _nsp)
        USING _i.relname, _i.name, _i.old_def, _i.new_def;
      IF _i.rel = _t.rel THEN
        _cmds := _cmds || format('DROP CONSTRAINT %I', _i.name);
      ELSE
        -- A partition's own CHECK: dropped before the parent's ALTER, added again after it.
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', _i.rel, _i.name);
      END IF;
    END LOOP;
    SELECT string_agg(format('%I', a.attname), ', ' ORDER BY k.n) INTO _pk
      FROM pg_index x
      CROSS JOIN unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
      JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
     WHERE x.indrelid = _t.rel AND x.indisprimary;
    FOR _c IN SELECT * FROM pg_temp.gb_enums_column WHERE rel = _t.rel AND kind IN ('text', 'integer') ORDER BY ord LOOP
      EXECUTE format('INSERT INTO %s.gb_enums_legacy VALUES ($1, ''column'', $2, $3, $4) ON CONFLICT (table_name, kind, name) DO UPDATE SET definition = excluded.definition, extra = excluded.extra', _nsp)
        USING _table, _c.column_name, _c.type_name, _c.old_default;
      IF _c.kind = 'text' THEN
        -- The spelling of each value in this column: the stored one, or the most stored one
        -- when a value is stored in several spellings; only the rows holding another spelling
        -- are recorded one by one.
        EXECUTE format($q$INSERT INTO %s.gb_enums_legacy
             SELECT DISTINCT ON (value) $1, 'spelling', jsonb_build_array($2::text, value)::text, spelling, NULL
               FROM pg_temp.gb_enums_stored WHERE ord = $3 AND value IS NOT NULL ORDER BY value, n DESC, spelling
             ON CONFLICT (table_name, kind, name) DO UPDATE SET definition = excluded.definition$q$, _nsp)
          USING _table, _c.column_name, _c.ord;
        EXECUTE format('INSERT INTO %s.gb_enums_legacy VALUES ($1, ''comment'', $2, col_description($3, $4), NULL) ON CONFLICT (table_name, kind, name) DO UPDATE SET definition = excluded.definition', _nsp)
          USING _table, _c.column_name, _t.rel, _c.attnum;
        IF _c.per_row THEN
          SELECT array_agg(DISTINCT spelling) INTO _names FROM (
            SELECT DISTINCT ON (value) spelling FROM pg_temp.gb_enums_stored WHERE ord = _c.ord AND value IS NOT NULL ORDER BY value, n DESC, spelling) AS usual;
          IF _pk IS NULL THEN
            RAISE NOTICE 'gb-enums: %.%: a value is stored in several spellings; % has no primary key, so the down migration will write each value in its most stored spelling', _t.rel, _c.column_name, _t.rel;
          ELSE
            EXECUTE format(
              $q$INSERT INTO %1$s.gb_enums_legacy_text (table_name, column_name, row_key, value, original)
                 SELECT $1, $2, jsonb_build_array(%2$s), %3$s, %4$I::text FROM %5$s
                  WHERE %4$I IS NOT NULL AND %4$I::text <> ALL ($3)
                 ON CONFLICT (table_name, column_name, row_key) DO UPDATE SET value = excluded.value, original = excluded.original$q$,
              _nsp, _pk, format(_c.tpl, format('%I::text', _c.column_name)), _c.column_name, _t.rel)
              USING _table, _c.column_name, _names;
          END IF;
        END IF;
        _cmds := _cmds
          || format('ALTER COLUMN %I DROP DEFAULT', _c.column_name)
          || format('ALTER COLUMN %1$I TYPE smallint USING coalesce((%2$s)::smallint, CASE WHEN %1$I IS NULL THEN NULL ELSE (''gb-enums: no value for '' || %1$I::text)::smallint END)',
                    _c.column_name, format(_c.tpl, format('%I::text', _c.column_name)));
      ELSE
        IF _c.new_default IS NOT NULL THEN
          _cmds := _cmds || format('ALTER COLUMN %I DROP DEFAULT', _c.column_name);
        END IF;
        _cmds := _cmds || format('ALTER COLUMN %1$I TYPE smallint USING %1$I::smallint', _c.column_name);
      END IF;
      IF _c.new_default IS NOT NULL THEN
        _cmds := _cmds || format('ALTER COLUMN %I SET DEFAULT %s', _c.column_name, _c.new_default);
      END IF;
    END LOOP;
    FOR _i IN SELECT * FROM pg_temp.gb_enums_index WHERE parent = _t.rel ORDER BY name LOOP
      EXECUTE format('INSERT INTO %s.gb_enums_legacy VALUES ($1, ''index'', $2, $3, $4) ON CONFLICT (table_name, kind, name) DO UPDATE SET definition = excluded.definition, extra = excluded.extra', _nsp)
        USING (SELECT relname FROM pg_class WHERE oid = _i.rel), _i.relname, _i.old_def, _i.new_def;
      EXECUTE format('DROP INDEX %s', _i.name);
    END LOOP;
    -- The translated CHECKs of the table are added in the same ALTER TABLE, so they are
    -- checked during its rewrite rather than by another scan.
    _cmds := _cmds || ARRAY(SELECT format('ADD CONSTRAINT %I %s', name, new_def) FROM pg_temp.gb_enums_check
                             WHERE rel = _t.rel AND new_def IS NOT NULL ORDER BY name);
    RAISE NOTICE 'gb-enums: converting % of % to SMALLINT',
      (SELECT string_agg(column_name, ', ' ORDER BY ord) FROM pg_temp.gb_enums_column WHERE rel = _t.rel AND kind IN ('text', 'integer')), _t.rel;
    EXECUTE format('ALTER TABLE %s %s', _t.rel, array_to_string(_cmds, ', '));
    FOR _i IN SELECT * FROM pg_temp.gb_enums_check WHERE parent = _t.rel AND rel <> _t.rel AND new_def IS NOT NULL ORDER BY rel, name LOOP
      EXECUTE format('ALTER TABLE %s ADD CONSTRAINT %I %s', _i.rel, _i.name, _i.new_def);
    END LOOP;
    FOR _i IN SELECT * FROM pg_temp.gb_enums_index WHERE parent = _t.rel ORDER BY name LOOP
      RAISE NOTICE 'gb-enums: %', _i.new_def;
      EXECUTE _i.new_def;
    END LOOP;
  END LOOP;
  DROP TABLE pg_temp.gb_enums_column, pg_temp.gb_enums_value, pg_temp.gb_enums_index, pg_temp.gb_enums_check, pg_temp.gb_enums_stored;
END
