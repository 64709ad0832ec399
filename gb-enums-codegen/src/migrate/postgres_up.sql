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
BEGIN
  -- Left over by an earlier run in this session that failed after its checks.
  IF to_regclass('pg_temp.gb_enums_column') IS NOT NULL THEN
    DROP TABLE pg_temp.gb_enums_column, pg_temp.gb_enums_value, pg_temp.gb_enums_index;
  END IF;
  CREATE TEMP TABLE gb_enums_column (
    ord int PRIMARY KEY, table_name text NOT NULL, column_name text NOT NULL, enum_key text NOT NULL,
    open boolean NOT NULL, default_value smallint,
    -- found in the catalog:
    rel regclass, attnum smallint, type_name text, base_type text, kind text, old_default text,
    tpl text, new_default text);
  CREATE TEMP TABLE gb_enums_value (
    enum_key text NOT NULL, value smallint NOT NULL, name text NOT NULL, spelling text NOT NULL, ord int NOT NULL);
  CREATE TEMP TABLE gb_enums_index (rel regclass, name text, relname text, old_def text, new_def text);
  -- @data

  -- 1. Look at every column in the catalog and check every stored value. Nothing changes
  --    here: the first problem does not stop the checks, and all of them are reported.
  FOR _c IN SELECT * FROM pg_temp.gb_enums_column ORDER BY ord LOOP
    _rel := to_regclass(quote_ident(_c.table_name));
    IF _rel IS NULL THEN
      _problems := _problems || format('table %s does not exist (search_path is %s)', _c.table_name, current_setting('search_path'));
      CONTINUE;
    END IF;
    -- Nothing may write a new string between the checks and the conversion.
    EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', _rel);
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
    EXECUTE format(
      $q$SELECT string_agg(quote_literal(v) || ' (' || n || CASE n WHEN 1 THEN ' row)' ELSE ' rows)' END, ', ' ORDER BY n DESC, v)
           FROM (SELECT %1$I::text AS v, count(*) AS n FROM %2$s
                  WHERE %1$I IS NOT NULL AND (%3$s) IS NULL GROUP BY 1) AS unmapped$q$,
      _col.column_name, _rel, format(_tpl, format('%I::text', _col.column_name)))
      INTO _bad;
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
    UPDATE pg_temp.gb_enums_column SET tpl = _tpl, new_default = _default WHERE ord = _c.ord;
  END LOOP;

  -- Indexes whose predicate or expression mention a converted text column. PostgreSQL would
  -- keep them after the ALTER, rewritten to compare `col::text` with the old strings: a
  -- predicate `status NOT IN ('completed', ...)` becomes always true. So a predicate is
  -- evaluated here for every value of the enum, and the index is recreated with the numbers;
  -- anything that cannot be translated that way stops the migration and is named.
  FOR _i IN
    SELECT x.indrelid::regclass AS rel, x.indexrelid::regclass::text AS idx,
           (SELECT relname FROM pg_class WHERE oid = x.indexrelid) AS relname,
           pg_get_indexdef(x.indexrelid) AS def, pg_get_expr(x.indpred, x.indrelid) AS pred,
           ARRAY(SELECT g.ord FROM pg_temp.gb_enums_column g
                  WHERE g.rel = x.indrelid AND g.kind = 'text'
                    AND x.indpred::text LIKE '% :varattno ' || g.attnum || ' %' ORDER BY g.ord) AS pred_cols,
           ARRAY(SELECT g.column_name FROM pg_temp.gb_enums_column g
                  WHERE g.rel = x.indrelid AND g.kind = 'text'
                    AND x.indexprs::text LIKE '% :varattno ' || g.attnum || ' %' ORDER BY g.ord) AS expr_cols,
           (SELECT conname FROM pg_constraint WHERE conindid = x.indexrelid AND conrelid = x.indrelid LIMIT 1) AS con
      FROM pg_index x
     WHERE x.indrelid IN (SELECT rel FROM pg_temp.gb_enums_column WHERE kind = 'text')
       AND (x.indpred IS NOT NULL OR x.indexprs IS NOT NULL)
     ORDER BY 1, 2
  LOOP
    CONTINUE WHEN cardinality(_i.pred_cols) = 0 AND cardinality(_i.expr_cols) = 0;
    IF cardinality(_i.expr_cols) > 0 THEN
      _problems := _problems || format('index %s has an expression on %s, which cannot be translated to numbers; drop it before migrating and create it again afterwards', _i.idx, array_to_string(_i.expr_cols, ', '));
      CONTINUE;
    ELSIF _i.con IS NOT NULL THEN
      _problems := _problems || format('index %s of constraint %I has a predicate on a converted column; drop the constraint before migrating and create it again afterwards', _i.idx, _i.con);
      CONTINUE;
    ELSIF cardinality(_i.pred_cols) > 1 THEN
      _problems := _problems || format('index %s has a predicate on several converted columns (%s); drop it before migrating and create it again afterwards', _i.idx, _i.pred);
      CONTINUE;
    END IF;
    SELECT * INTO _col FROM pg_temp.gb_enums_column WHERE ord = _i.pred_cols[1];
    _in := '{}';
    _out := '{}';
    _found := true;
    <<by_value>>
    FOR _v IN SELECT value, array_agg(spelling ORDER BY ord) AS spellings FROM pg_temp.gb_enums_value
               WHERE enum_key = _col.enum_key GROUP BY value ORDER BY value
    LOOP
      _results := '{}';
      FOREACH _s IN ARRAY _v.spellings LOOP
        BEGIN
          -- A spelling an enum type cannot hold is never stored: nothing to evaluate.
          EXECUTE format('SELECT $1::%s', _col.base_type) USING _s;
        EXCEPTION WHEN invalid_text_representation THEN
          CONTINUE;
        END;
        BEGIN
          EXECUTE format('SELECT coalesce((%s), false) FROM (SELECT $1::%s AS %I) AS gb_enums_row', _i.pred, _col.base_type, _col.column_name)
            INTO _r USING _s;
        EXCEPTION WHEN OTHERS THEN
          _problems := _problems || format('index %s has a predicate that needs more than %s (%s): %s; drop it before migrating and create it again afterwards', _i.idx, _col.column_name, SQLERRM, _i.pred);
          _found := false;
          EXIT by_value;
        END;
        _results := _results || _r;
      END LOOP;
      IF true = ANY (_results) AND false = ANY (_results) THEN
        _problems := _problems || format('index %s: its predicate %s holds for some spellings of value %s of enum %s and not for others (%s)', _i.idx, _i.pred, _v.value, _col.enum_key, array_to_string(_v.spellings, ', '));
        _found := false;
        EXIT by_value;
      ELSIF true = ANY (_results) THEN
        _in := _in || _v.value::text;
      ELSE
        _out := _out || _v.value::text;
      END IF;
    END LOOP;
    CONTINUE WHEN NOT _found;
    EXECUTE format('SELECT coalesce((%s), false) FROM (SELECT NULL::%s AS %I) AS gb_enums_row', _i.pred, _col.base_type, _col.column_name)
      INTO _null_in;
    _pred := CASE
      WHEN cardinality(_out) = 0 THEN NULL
      WHEN cardinality(_in) = 0 THEN 'false'
      WHEN cardinality(_out) <= cardinality(_in) THEN format('%I NOT IN (%s)', _col.column_name, array_to_string(_out, ', '))
      ELSE format('%I IN (%s)', _col.column_name, array_to_string(_in, ', '))
    END;
    _pred := CASE
      WHEN _null_in AND _pred IS NULL THEN 'true'
      WHEN _null_in THEN format('(%I IS NULL OR %s)', _col.column_name, _pred)
      WHEN _pred IS NULL THEN format('%I IS NOT NULL', _col.column_name)
      ELSE _pred
    END;
    IF right(_i.def, length(_i.pred) + 7) <> ' WHERE ' || _i.pred THEN
      _problems := _problems || format('index %s: cannot find its predicate in its definition %s', _i.idx, _i.def);
      CONTINUE;
    END IF;
    INSERT INTO pg_temp.gb_enums_index (rel, name, relname, old_def, new_def)
    VALUES (_i.rel, _i.idx, _i.relname, _i.def, left(_i.def, length(_i.def) - length(_i.pred)) || _pred);
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
    FOR _i IN SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
               WHERE conrelid = _t.rel AND contype = 'c'
                 AND conkey && (SELECT array_agg(attnum) FROM pg_temp.gb_enums_column WHERE rel = _t.rel AND kind IN ('text', 'integer'))
               ORDER BY conname
    LOOP
      EXECUTE format('INSERT INTO %s.gb_enums_legacy VALUES ($1, ''check'', $2, $3, NULL) ON CONFLICT (table_name, kind, name) DO UPDATE SET definition = excluded.definition', _nsp)
        USING _table, _i.conname, _i.def;
      _cmds := _cmds || format('DROP CONSTRAINT %I', _i.conname);
      RAISE NOTICE 'gb-enums: %: dropping CHECK constraint % (%)', _t.rel, _i.conname, _i.def;
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
        SELECT array_agg(name) INTO _names FROM pg_temp.gb_enums_value WHERE enum_key = _c.enum_key AND ord = 0;
        IF _pk IS NULL THEN
          EXECUTE format('SELECT count(*) FROM %s WHERE %I::text <> ALL ($1)', _t.rel, _c.column_name) INTO _n USING _names;
          IF _n > 0 THEN
            RAISE NOTICE 'gb-enums: %.%: % rows store an alias or another case of a name; % has no primary key, so the down migration will write them as the name', _t.rel, _c.column_name, _n, _t.rel;
          END IF;
        ELSE
          EXECUTE format(
            $q$INSERT INTO %1$s.gb_enums_legacy_text (table_name, column_name, row_key, value, original)
               SELECT $1, $2, jsonb_build_array(%2$s), %3$s, %4$I::text FROM %5$s
                WHERE %4$I IS NOT NULL AND %4$I::text <> ALL ($3)
               ON CONFLICT (table_name, column_name, row_key) DO UPDATE SET value = excluded.value, original = excluded.original$q$,
            _nsp, _pk, format(_c.tpl, format('%I::text', _c.column_name)), _c.column_name, _t.rel)
            USING _table, _c.column_name, _names;
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
    FOR _i IN SELECT * FROM pg_temp.gb_enums_index WHERE rel = _t.rel ORDER BY name LOOP
      EXECUTE format('INSERT INTO %s.gb_enums_legacy VALUES ($1, ''index'', $2, $3, $4) ON CONFLICT (table_name, kind, name) DO UPDATE SET definition = excluded.definition, extra = excluded.extra', _nsp)
        USING _table, _i.relname, _i.old_def, _i.new_def;
      EXECUTE format('DROP INDEX %s', _i.name);
    END LOOP;
    RAISE NOTICE 'gb-enums: converting % of % to SMALLINT',
      (SELECT string_agg(column_name, ', ' ORDER BY ord) FROM pg_temp.gb_enums_column WHERE rel = _t.rel AND kind IN ('text', 'integer')), _t.rel;
    EXECUTE format('ALTER TABLE %s %s', _t.rel, array_to_string(_cmds, ', '));
    FOR _i IN SELECT * FROM pg_temp.gb_enums_index WHERE rel = _t.rel ORDER BY name LOOP
      RAISE NOTICE 'gb-enums: %', _i.new_def;
      EXECUTE _i.new_def;
    END LOOP;
  END LOOP;
  DROP TABLE pg_temp.gb_enums_column, pg_temp.gb_enums_value, pg_temp.gb_enums_index;
END
