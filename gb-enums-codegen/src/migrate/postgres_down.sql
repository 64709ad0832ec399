DECLARE
  _c record;          -- a bound column
  _t record;          -- a table with columns to restore
  _i record;          -- a recorded index
  _rel regclass;
  _nsp text;
  _table text;
  _legacy regclass;
  _problems text[] := '{}';
  _bad text;
  _tpl text;
  _type text;
  _default text;
  _kind text;
  _labels text[];
  _typid oid;
  _cmds text[];
  _pk text;
  _columns text[];
  _bad_cmds text[];
  _spell jsonb;
  _rels text[];
  _rows boolean;      -- whether rows of the table are recorded one by one
  _pass int;
  _attnum smallint;
  _legsrc text;       -- the records of the up migration, or an empty relation
BEGIN
  -- Left over by an earlier run in this session that failed after its checks.
  IF to_regclass('pg_temp.gb_enums_column') IS NOT NULL THEN
    DROP TABLE pg_temp.gb_enums_column, pg_temp.gb_enums_value;
  END IF;
  CREATE TEMP TABLE gb_enums_column (
    ord int PRIMARY KEY, table_name text NOT NULL, column_name text NOT NULL, enum_key text NOT NULL,
    open boolean NOT NULL, default_name text,
    -- found in the catalog and in the records of the up migration:
    rel regclass, nsp text, relname text, type_name text, old_default text, kind text, tpl text);
  CREATE TEMP TABLE gb_enums_value (
    enum_key text NOT NULL, value smallint NOT NULL, name text NOT NULL, spelling text NOT NULL, ord int NOT NULL);
  -- @data

  -- 1. Find what each SMALLINT column was, and check that every stored number has a
  --    spelling to go back to. Nothing changes here.
  FOR _c IN SELECT * FROM pg_temp.gb_enums_column ORDER BY ord LOOP
    _rel := to_regclass(quote_ident(_c.table_name));
    IF _rel IS NULL THEN
      _problems := _problems || format('table %s does not exist (search_path is %s)', _c.table_name, current_setting('search_path'));
      CONTINUE;
    END IF;
    BEGIN
      EXECUTE format('LOCK TABLE %s IN ACCESS EXCLUSIVE MODE', _rel);
    EXCEPTION WHEN lock_not_available THEN
      RAISE EXCEPTION USING
        MESSAGE = format('gb-enums: nothing was changed: table %s is in use, and its lock was not granted within lock_timeout (%s)', _rel, current_setting('lock_timeout')),
        HINT = 'run the migration again when the table is less busy, or give a longer --lock-timeout';
    END;
    SELECT a.atttypid, a.attnum INTO _typid, _attnum FROM pg_attribute a
     WHERE a.attrelid = _rel AND a.attname = _c.column_name AND a.attnum > 0 AND NOT a.attisdropped;
    IF NOT FOUND THEN
      _problems := _problems || format('column %s.%s does not exist', _rel, _c.column_name);
      CONTINUE;
    ELSIF _typid <> 'int2'::regtype THEN
      RAISE NOTICE 'gb-enums: %.% is not SMALLINT; left as it is', _rel, _c.column_name;
      CONTINUE;
    END IF;
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
       WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = _rel AND d.refobjsubid = _attnum
         AND (d.classid IN ('pg_rewrite'::regclass, 'pg_trigger'::regclass, 'pg_policy'::regclass)
              OR (d.classid = 'pg_attrdef'::regclass AND ad.adnum <> _attnum))
       ORDER BY 1
    LOOP
      _problems := _problems || format('%s.%s is used by %s, under which PostgreSQL cannot change its type; drop it before going down and create it again afterwards', _rel, _c.column_name, _i.what);
    END LOOP;
    SELECT relnamespace::regnamespace::text, relname INTO _nsp, _table FROM pg_class WHERE oid = _rel;
    _type := NULL;
    _default := NULL;
    _spell := '{}';
    IF to_regclass(_nsp || '.gb_enums_legacy') IS NOT NULL THEN
      EXECUTE format('SELECT definition, extra FROM %s.gb_enums_legacy WHERE table_name = $1 AND kind = ''column'' AND name = $2', _nsp)
        INTO _type, _default USING _table, _c.column_name;
      -- The spelling each value had in this column.
      EXECUTE format('SELECT coalesce(jsonb_object_agg(name::jsonb->>1, definition), ''{}'') FROM %s.gb_enums_legacy WHERE table_name = $1 AND kind = ''spelling'' AND name::jsonb->>0 = $2', _nsp)
        INTO _spell USING _table, _c.column_name;
    END IF;
    IF _type IS NULL THEN
      -- Not converted by a gb-enums migration (or its records were dropped): text names.
      _type := 'text';
      _default := quote_literal(_c.default_name);
      RAISE NOTICE 'gb-enums: %.% has no record of a legacy type; it becomes text holding the names', _rel, _c.column_name;
    END IF;
    BEGIN
      SELECT CASE WHEN ty.typcategory = 'N' THEN 'integer' ELSE 'text' END,
             ARRAY(SELECT enumlabel FROM pg_enum WHERE enumtypid = ty.oid ORDER BY enumsortorder)
        INTO _kind, _labels FROM pg_type ty WHERE ty.oid = _type::regtype;
    EXCEPTION WHEN OTHERS THEN
      _problems := _problems || format('%s.%s was %s, which does not exist any more (%s)', _rel, _c.column_name, _type, SQLERRM);
      CONTINUE;
    END;
    IF _kind = 'text' THEN
      _legsrc := CASE WHEN to_regclass(_nsp || '.gb_enums_legacy') IS NOT NULL THEN _nsp || '.gb_enums_legacy'
                      ELSE '(SELECT NULL::text AS kind, NULL::text AS table_name, NULL::text AS name, NULL::text AS extra WHERE false)' END;
      -- An index or CHECK on the column that the up migration did not create compares it
      -- with numbers: the ALTER back to text would fail on it, or keep it with another meaning.
      FOR _i IN EXECUTE format($q$
          SELECT format('index %%s', x.indexrelid::regclass) AS what, pg_get_indexdef(x.indexrelid) AS def
            FROM (SELECT $1::regclass AS relid UNION SELECT relid FROM pg_partition_tree($1)) AS tree
            JOIN pg_index x ON x.indrelid = tree.relid
            JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attname = $2
           WHERE (x.indpred::text LIKE '%% :varattno ' || a.attnum || ' %%' OR x.indexprs::text LIKE '%% :varattno ' || a.attnum || ' %%')
             AND NOT EXISTS (SELECT 1 FROM pg_inherits WHERE inhrelid = x.indexrelid)
             AND NOT EXISTS (SELECT 1 FROM %1$s l WHERE l.kind = 'index' AND l.table_name = (SELECT relname FROM pg_class WHERE oid = x.indrelid)
                                AND l.name = (SELECT relname FROM pg_class WHERE oid = x.indexrelid))
          UNION ALL
          SELECT format('CHECK constraint %%I of %%s', c.conname, c.conrelid::regclass), pg_get_constraintdef(c.oid)
            FROM (SELECT $1::regclass AS relid UNION SELECT relid FROM pg_partition_tree($1)) AS tree
            JOIN pg_constraint c ON c.conrelid = tree.relid AND c.contype = 'c' AND c.coninhcount = 0
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attname = $2
           WHERE a.attnum = ANY (c.conkey)
             AND NOT EXISTS (SELECT 1 FROM %1$s l WHERE l.kind = 'check' AND l.extra IS NOT NULL
                                AND l.table_name = (SELECT relname FROM pg_class WHERE oid = c.conrelid) AND l.name = c.conname)
          ORDER BY 1$q$, _legsrc) USING _rel, _c.column_name
      LOOP
        _problems := _problems || format('%s.%s: %s was not created by the up migration (%s); drop it before going down, and create its text form afterwards', _rel, _c.column_name, _i.what, _i.def);
      END LOOP;
    END IF;
    IF _kind = 'text' THEN
      -- Each number back to its name; for an enum type, to its first spelling that is a label.
      SELECT format('CASE %%1$s %s END',
               coalesce(string_agg(format('WHEN %s THEN %s', value, replace(quote_literal(coalesce(_spell->>value::text, spelling)), '%', '%%')), ' ' ORDER BY value),
                        'WHEN NULL THEN NULL'))
        INTO _tpl
        FROM (SELECT DISTINCT ON (value) value, spelling FROM pg_temp.gb_enums_value
               WHERE enum_key = _c.enum_key AND (cardinality(_labels) = 0 OR spelling = ANY (_labels))
               ORDER BY value, ord) AS back;
    END IF;
    UPDATE pg_temp.gb_enums_column
       SET rel = _rel, nsp = _nsp, relname = _table, type_name = _type, old_default = _default, kind = _kind, tpl = _tpl
     WHERE ord = _c.ord;
  END LOOP;

  -- 2. Restore, one ALTER TABLE (one rewrite) per table. Every stored number must have a
  --    spelling: rather than a scan of its own, the ALTER's USING fails on the first number
  --    that has none, which undoes the attempt; only then (or when step 1 found a problem)
  --    are the columns scanned for every such number, to list them all.
  <<attempt>>
  FOR _pass IN 1 .. 2 LOOP
    IF _pass = 2 OR cardinality(_problems) > 0 THEN
      FOR _c IN SELECT * FROM pg_temp.gb_enums_column WHERE kind = 'text' ORDER BY ord LOOP
        EXECUTE format(
          $q$SELECT string_agg(v || ' (' || n || CASE n WHEN 1 THEN ' row)' ELSE ' rows)' END, ', ' ORDER BY v)
               FROM (SELECT %1$I AS v, count(*) AS n FROM %2$s WHERE %1$I IS NOT NULL AND (%3$s) IS NULL GROUP BY 1) AS unnamed$q$,
          _c.column_name, _c.rel, format(_c.tpl, quote_ident(_c.column_name)))
          INTO _bad;
        IF _bad IS NOT NULL THEN
          _problems := _problems || format('%s.%s stores numbers that have no spelling in enum %s that %s accepts: %s', _c.rel, _c.column_name, _c.enum_key, _c.type_name, _bad);
        END IF;
      END LOOP;
      RAISE EXCEPTION USING
        MESSAGE = 'gb-enums: nothing was changed, because:' || E'\n  - ' || array_to_string(_problems, E'\n  - ');
    END IF;
    BEGIN
    FOR _t IN SELECT rel, nsp, relname, min(ord) AS first FROM pg_temp.gb_enums_column WHERE kind IS NOT NULL
               GROUP BY rel, nsp, relname ORDER BY 4
    LOOP
      _legacy := to_regclass(_t.nsp || '.gb_enums_legacy');
      SELECT array_agg(column_name ORDER BY ord) INTO _columns FROM pg_temp.gb_enums_column WHERE rel = _t.rel AND kind IS NOT NULL;
      -- The table and its partitions: the records of each are under its own name.
      SELECT array_agg(c.relname ORDER BY c.relname) INTO _rels FROM (SELECT _t.rel AS relid UNION SELECT relid FROM pg_partition_tree(_t.rel)) AS tree JOIN pg_class c ON c.oid = tree.relid;
      -- The indexes the up migration translated compare numbers: they go before the ALTER and
      -- come back in their original text form after it.
      IF _legacy IS NOT NULL THEN
        FOR _i IN EXECUTE format('SELECT name FROM %s WHERE table_name = ANY ($1) AND kind = ''index'' ORDER BY name', _legacy) USING _rels LOOP
          EXECUTE format('DROP INDEX IF EXISTS %s.%I', _t.nsp, _i.name);
        END LOOP;
        -- So do the translated CHECKs; the table's own go in its ALTER TABLE.
        FOR _i IN EXECUTE format('SELECT table_name, name FROM %s WHERE table_name = ANY ($1) AND table_name <> $2 AND kind = ''check'' AND extra IS NOT NULL ORDER BY 1, 2', _legacy)
            USING _rels, _t.relname LOOP
          EXECUTE format('ALTER TABLE %s.%I DROP CONSTRAINT IF EXISTS %I', _t.nsp, _i.table_name, _i.name);
        END LOOP;
      END IF;
      _cmds := '{}';
      IF _legacy IS NOT NULL THEN
        EXECUTE format('SELECT array_agg(format(''DROP CONSTRAINT IF EXISTS %%I'', name) ORDER BY name) FROM %s WHERE table_name = $1 AND kind = ''check'' AND extra IS NOT NULL', _legacy)
          INTO _cmds USING _t.relname;
        _cmds := coalesce(_cmds, '{}');
      END IF;
      FOR _c IN SELECT * FROM pg_temp.gb_enums_column WHERE rel = _t.rel AND kind IS NOT NULL ORDER BY ord LOOP
        _cmds := _cmds || format('ALTER COLUMN %I DROP DEFAULT', _c.column_name);
        IF _c.kind = 'text' THEN
          _cmds := _cmds || format('ALTER COLUMN %1$I TYPE %2$s USING coalesce((%3$s)::%2$s, CASE WHEN %1$I IS NULL THEN NULL ELSE (''gb-enums: no spelling for '' || %1$I)::smallint::text::%2$s END)',
                                   _c.column_name, _c.type_name, format(_c.tpl, quote_ident(_c.column_name)));
        ELSE
          _cmds := _cmds || format('ALTER COLUMN %1$I TYPE %2$s USING %1$I::%2$s', _c.column_name, _c.type_name);
        END IF;
        IF _c.old_default IS NOT NULL THEN
          _cmds := _cmds || format('ALTER COLUMN %I SET DEFAULT %s', _c.column_name, _c.old_default);
        END IF;
      END LOOP;
      _rows := false;
      IF to_regclass(_t.nsp || '.gb_enums_legacy_text') IS NOT NULL THEN
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s.gb_enums_legacy_text WHERE table_name = $1 AND column_name = ANY ($2))', _t.nsp)
          INTO _rows USING _t.relname, _columns;
      END IF;
      IF _legacy IS NOT NULL AND NOT _rows THEN
        -- No row changes after the ALTER: the table's CHECKs are checked during its rewrite
        -- rather than by another scan each.
        EXECUTE format('SELECT array_agg(format(''ADD CONSTRAINT %%I %%s'', name, definition) ORDER BY name) FROM %s WHERE table_name = $1 AND kind = ''check''', _legacy)
          INTO _bad_cmds USING _t.relname;
        _cmds := _cmds || coalesce(_bad_cmds, '{}');
      END IF;
      RAISE NOTICE 'gb-enums: restoring % of %', array_to_string(_columns, ', '), _t.rel;
      EXECUTE format('ALTER TABLE %s %s', _t.rel, array_to_string(_cmds, ', '));
      -- Rows that stored another spelling of a value stored in several get that spelling back,
      -- unless their value changed since.
      IF _rows THEN
        SELECT string_agg(format('t.%I', a.attname), ', ' ORDER BY k.n) INTO _pk
          FROM pg_index x
          CROSS JOIN unnest(x.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.attnum
         WHERE x.indrelid = _t.rel AND x.indisprimary;
        FOR _c IN SELECT * FROM pg_temp.gb_enums_column WHERE rel = _t.rel AND kind = 'text' ORDER BY ord LOOP
          IF _pk IS NOT NULL THEN
            EXECUTE format(
              $q$UPDATE %1$s AS t SET %2$I = b.original::%3$s FROM %4$s.gb_enums_legacy_text AS b
                  WHERE b.table_name = $1 AND b.column_name = $2 AND b.row_key = jsonb_build_array(%5$s)
                    AND t.%2$I::text = (%6$s)::text$q$,
              _t.rel, _c.column_name, _c.type_name, _t.nsp, _pk, format(_c.tpl, 'b.value'))
              USING _t.relname, _c.column_name;
          END IF;
          EXECUTE format('DELETE FROM %s.gb_enums_legacy_text WHERE table_name = $1 AND column_name = $2', _t.nsp)
            USING _t.relname, _c.column_name;
        END LOOP;
      END IF;
      IF _legacy IS NOT NULL THEN
        FOR _i IN EXECUTE format('SELECT table_name, string_agg(format(''ADD CONSTRAINT %%I %%s'', name, definition), '', '' ORDER BY name) AS cmds FROM %s WHERE table_name = ANY ($1) AND kind = ''check'' AND (table_name <> $2 OR $3) GROUP BY 1 ORDER BY table_name <> $2, 1', _legacy)
            USING _rels, _t.relname, _rows LOOP
          EXECUTE format('ALTER TABLE %s.%I %s', _t.nsp, _i.table_name, _i.cmds);
        END LOOP;
        FOR _i IN EXECUTE format('SELECT definition FROM %s WHERE table_name = ANY ($1) AND kind = ''index'' ORDER BY name', _legacy) USING _rels LOOP
          EXECUTE _i.definition;
        END LOOP;
        -- The comments `gb-enums sql` wrote on the SMALLINT columns go back to what they were.
        FOR _i IN EXECUTE format('SELECT name, definition FROM %s WHERE table_name = $1 AND kind = ''comment'' AND name = ANY ($2)', _legacy)
            USING _t.relname, _columns LOOP
          IF col_description(_t.rel, (SELECT attnum FROM pg_attribute WHERE attrelid = _t.rel AND attname = _i.name)) LIKE 'enum %' THEN
            EXECUTE format('COMMENT ON COLUMN %s.%I IS %L', _t.rel, _i.name, _i.definition);
          END IF;
        END LOOP;
        EXECUTE format('DELETE FROM %s WHERE (table_name = ANY ($3) AND kind IN (''check'', ''index'')) OR (table_name = $1 AND kind IN (''column'', ''comment'') AND name = ANY ($2)) OR (table_name = $1 AND kind = ''spelling'' AND name::jsonb->>0 = ANY ($2))', _legacy)
          USING _t.relname, _columns, _rels;
      END IF;
    END LOOP;

      EXIT attempt;
    EXCEPTION WHEN invalid_text_representation THEN
      IF SQLERRM NOT LIKE '%gb-enums: no spelling for %' THEN
        RAISE;
      END IF;
    END;
  END LOOP;

  -- The records are dropped once nothing is left in them.
  FOR _t IN SELECT DISTINCT nsp FROM pg_temp.gb_enums_column WHERE nsp IS NOT NULL LOOP
    FOR _i IN SELECT to_regclass(_t.nsp || '.' || name) AS rel FROM unnest(ARRAY['gb_enums_legacy', 'gb_enums_legacy_text']) AS name LOOP
      CONTINUE WHEN _i.rel IS NULL;
      EXECUTE format('SELECT count(*) FROM %s', _i.rel) INTO _bad;
      IF _bad = '0' THEN
        EXECUTE format('DROP TABLE %s', _i.rel);
      END IF;
    END LOOP;
  END LOOP;
  DROP TABLE pg_temp.gb_enums_column, pg_temp.gb_enums_value;
END
