-- gb-enums: the expression translator. One implementation, written in PL/pgSQL so that it
-- runs where the expressions are: inside the offline migration's DO block, at the start of
-- each short transaction of the online migration, and in the read-only audit. Every function
-- is created in pg_temp, so it lives until the end of the session and is visible to nobody
-- else; `CREATE OR REPLACE` makes running this file twice in one session harmless.
--
-- Input is PostgreSQL's own deparsed text (pg_get_constraintdef, pg_get_expr(indpred, ...),
-- pg_get_indexdef(oid, k, false)), never what a user typed: the deparser writes every
-- operator expression in parentheses, every constant with its type, and the column in one of
-- a few forms (`kind`, `(kind)::text`), so a small tokenizer and a handful of patterns
-- recognise each comparison exactly.

-- The tokens of an expression and the white space before each, so that the text can be
-- rebuilt unchanged around the rewritten parts.
CREATE OR REPLACE FUNCTION pg_temp.gb_enums_tokens(expr text, OUT space text[], OUT tok text[])
LANGUAGE plpgsql IMMUTABLE STRICT AS $fn$
DECLARE
  _m text[];
BEGIN
  space := '{}';
  tok := '{}';
  FOR _m IN SELECT regexp_matches(expr,
      $re$(\s*)([Ee]'(?:[^'\\]|''|\\.)*'|'(?:[^']|'')*'|"(?:[^"]|"")*"|[[:alpha:]_][[:alnum:]_$]*|[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|::|[-+*/<>=~!@#%^&|`?]+|[^\s])$re$, 'g')
  LOOP
    space := space || _m[1];
    tok := tok || _m[2];
  END LOOP;
  IF array_to_string(ARRAY(SELECT space[i] || tok[i] FROM generate_subscripts(tok, 1) AS i ORDER BY i), '') <> rtrim(expr) THEN
    RAISE EXCEPTION 'gb-enums: cannot read the expression %', expr USING ERRCODE = 'feature_not_supported';
  END IF;
END
$fn$;

-- The end of the type name that starts at token i (after `::`): `text`, `character varying`,
-- `public.role_enum`, `"Role"`, `numeric(5,2)`, `text[]`.
CREATE OR REPLACE FUNCTION pg_temp.gb_enums_type_end(tok text[], i int)
RETURNS int LANGUAGE plpgsql IMMUTABLE STRICT AS $fn$
DECLARE
  n int := cardinality(tok);
BEGIN
  IF i > n THEN
    RETURN n;
  END IF;
  WHILE i + 2 <= n AND tok[i + 1] = '.' LOOP
    i := i + 2;
  END LOOP;
  WHILE i < n AND tok[i + 1] IN ('varying', 'precision', 'with', 'without', 'time', 'zone') LOOP
    i := i + 1;
  END LOOP;
  IF i < n AND tok[i + 1] = '(' THEN
    WHILE i < n AND tok[i] <> ')' LOOP
      i := i + 1;
    END LOOP;
  END IF;
  WHILE i + 2 <= n AND tok[i + 1] = '[' AND tok[i + 2] = ']' LOOP
    i := i + 2;
  END LOOP;
  RETURN i;
END
$fn$;

-- The constant that starts at token i, if one does: its last token, its kind ('string',
-- 'number' or 'null'; for an array, of its elements), whether it is an array, and its values
-- as text (one, or the elements of an array; a NULL element is NULL). Numbers are recognised
-- in every form the deparser writes: `3`, `'-1'::integer`, `(3)::smallint`.
CREATE OR REPLACE FUNCTION pg_temp.gb_enums_constant(tok text[], i int, OUT last int, OUT kind text, OUT is_array boolean, OUT vals text[])
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  n int := cardinality(tok);
  _t text;
  _type text;
  _e record;
  _src text;
BEGIN
  is_array := false;
  IF i IS NULL OR i < 1 OR i > n THEN
    RETURN;
  END IF;
  _t := tok[i];
  IF _t ~ '^[Ee]?''' THEN
    last := i;
    IF tok[i + 1] IS NOT DISTINCT FROM '::' THEN
      last := pg_temp.gb_enums_type_end(tok, i + 2);
      _type := array_to_string(tok[i + 2:last], ' ');
    END IF;
    IF _type LIKE '%[ ]' THEN
      -- An array literal, '{a,"b c"}'::text[]: PostgreSQL reads it.
      _src := array_to_string(tok[i:last], ' ');
      EXECUTE format('SELECT (%s)::text[]', _src) INTO vals;
      is_array := true;
      kind := CASE WHEN _type ~ '^(smallint|integer|bigint|int2|int4|int8)\M' THEN 'number' ELSE 'string' END;
      RETURN;
    ELSIF _t ~ '^[Ee]' THEN
      EXECUTE format('SELECT %s::text', _t) INTO _t;
    ELSE
      _t := replace(substr(_t, 2, length(_t) - 2), '''''', '''');
    END IF;
    vals := ARRAY[_t];
    kind := CASE WHEN _type IN ('smallint', 'integer', 'bigint', 'numeric', 'int2', 'int4', 'int8')
                      AND _t ~ '^\s*[-+]?[0-9]+\s*$' THEN 'number' ELSE 'string' END;
    IF kind = 'number' THEN
      vals := ARRAY[(_t::numeric)::text];
    END IF;
  ELSIF _t ~ '^[0-9]' THEN
    last := i;
    IF tok[i + 1] IS NOT DISTINCT FROM '::' THEN
      last := pg_temp.gb_enums_type_end(tok, i + 2);
    END IF;
    kind := 'number';
    vals := ARRAY[_t];
  ELSIF _t = '(' AND tok[i + 1] IS DISTINCT FROM 'ARRAY' THEN
    -- A constant cast again: (3)::smallint, (NULL::smallint)::integer.
    SELECT * INTO _e FROM pg_temp.gb_enums_constant(tok, i + 1);
    IF _e.last IS NOT NULL AND NOT _e.is_array AND tok[_e.last + 1] IS NOT DISTINCT FROM ')'
       AND tok[_e.last + 2] IS NOT DISTINCT FROM '::' THEN
      last := pg_temp.gb_enums_type_end(tok, _e.last + 3);
      kind := _e.kind;
      vals := _e.vals;
    END IF;
  ELSIF upper(_t) = 'NULL' THEN
    last := i;
    IF tok[i + 1] IS NOT DISTINCT FROM '::' THEN
      last := pg_temp.gb_enums_type_end(tok, i + 2);
    END IF;
    kind := 'null';
    vals := ARRAY[NULL::text];
  ELSIF _t = 'ARRAY' AND tok[i + 1] IS NOT DISTINCT FROM '[' THEN
    vals := '{}';
    is_array := true;
    last := i + 1;
    IF tok[last + 1] IS NOT DISTINCT FROM ']' THEN
      last := last + 1;
    ELSE
      LOOP
        SELECT * INTO _e FROM pg_temp.gb_enums_constant(tok, last + 1);
        IF _e.last IS NULL OR _e.is_array THEN
          last := NULL;
          RETURN;
        END IF;
        vals := vals || _e.vals;
        IF kind IS NULL OR kind = 'null' THEN
          kind := _e.kind;
        ELSIF _e.kind NOT IN ('null', kind) THEN
          last := NULL;
          RETURN;
        END IF;
        last := _e.last + 1;
        EXIT WHEN tok[last] IS DISTINCT FROM ',';
      END LOOP;
      IF tok[last] IS DISTINCT FROM ']' THEN
        last := NULL;
        RETURN;
      END IF;
    END IF;
    kind := coalesce(kind, 'null');
    IF tok[last + 1] IS NOT DISTINCT FROM '::' THEN
      last := pg_temp.gb_enums_type_end(tok, last + 2);
    END IF;
  ELSIF _t = '(' AND tok[i + 1] IS NOT DISTINCT FROM 'ARRAY' THEN
    -- (ARRAY['a'::character varying, ...])::text[]
    SELECT * INTO _e FROM pg_temp.gb_enums_constant(tok, i + 1);
    IF _e.last IS NOT NULL AND tok[_e.last + 1] IS NOT DISTINCT FROM ')' THEN
      last := _e.last + 1;
      IF tok[last + 1] IS NOT DISTINCT FROM '::' THEN
        last := pg_temp.gb_enums_type_end(tok, last + 2);
      END IF;
      kind := _e.kind;
      is_array := true;
      vals := _e.vals;
    END IF;
  END IF;
END
$fn$;

-- Every use of column `col` in the deparsed expression `expr`, in order, one row each:
--   op          the comparison: '=', '<>', '<', '<=', '>', '>=', '= ANY', '<> ALL' (any
--               operator followed by ANY or ALL), 'IS DISTINCT FROM', 'IS NOT DISTINCT FROM',
--               'CASE' (a simple CASE on the column, its WHEN constants), 'IS NULL',
--               'IS NOT NULL'; NULL when the column is used in any other way;
--   cast_type   the cast written on the column (`(kind)::text` gives 'text'), or NULL;
--   constants   the constants it is compared with, as text (string contents, or numbers);
--   kinds       the kind of each constant: 'string', 'number' or 'null';
--   fragment    the text of the comparison (of the enclosing expression for another use);
--   problem     NULL for a comparison with constants, else why it is none;
--   edits       internal to gb_enums_translate: the token spans to rewrite.
CREATE OR REPLACE FUNCTION pg_temp.gb_enums_uses(expr text, col text)
RETURNS TABLE (op text, cast_type text, constants text[], kinds text[], fragment text, problem text, edits jsonb)
LANGUAGE plpgsql STABLE STRICT AS $fn$
DECLARE
  _space text[];
  tok text[];
  n int;
  q text := quote_ident(col);
  i int := 1;
  s int;           -- first token of the column operand
  e int;           -- last token of the column operand
  f int;           -- first token of the fragment
  l int;           -- last token of the fragment
  j int;
  depth int;
  _c record;
  _op text;
  _left constant text[] := ARRAY['(', ',', '[', 'AND', 'OR', 'NOT', 'WHEN', 'THEN', 'ELSE', 'CASE'];
  _right constant text[] := ARRAY[')', ',', ']', 'AND', 'OR', 'THEN', 'ELSE', 'END', 'WHEN'];
  _cmp constant text[] := ARRAY['=', '<>', '!=', '<', '<=', '>', '>='];
BEGIN
  SELECT t.space, t.tok INTO _space, tok FROM pg_temp.gb_enums_tokens(expr) AS t;
  n := cardinality(tok);
  WHILE i <= n LOOP
    IF tok[i] = '::' THEN
      -- A type name is never the column, even when it is spelled the same.
      i := pg_temp.gb_enums_type_end(tok, i + 1) + 1;
      CONTINUE;
    END IF;
    IF tok[i] <> q OR tok[i - 1] IS NOT DISTINCT FROM '.' OR tok[i + 1] IS NOT DISTINCT FROM '('
       OR tok[i + 1] IS NOT DISTINCT FROM '.' THEN
      i := i + 1;
      CONTINUE;
    END IF;
    -- The column operand: `kind`, `(kind)::text` or (pretty) `kind::text`.
    s := i;
    e := i;
    cast_type := NULL;
    IF tok[i - 1] IS NOT DISTINCT FROM '(' AND tok[i + 1] IS NOT DISTINCT FROM ')' AND tok[i + 2] IS NOT DISTINCT FROM '::' THEN
      s := i - 1;
      e := pg_temp.gb_enums_type_end(tok, i + 3);
      cast_type := btrim(array_to_string(ARRAY(SELECT _space[k] || tok[k] FROM generate_series(i + 3, e) AS k ORDER BY k), ''));
    ELSIF tok[i + 1] IS NOT DISTINCT FROM '::' THEN
      e := pg_temp.gb_enums_type_end(tok, i + 2);
      cast_type := btrim(array_to_string(ARRAY(SELECT _space[k] || tok[k] FROM generate_series(i + 2, e) AS k ORDER BY k), ''));
    END IF;
    op := NULL;
    constants := '{}';
    kinds := '{}';
    problem := NULL;
    edits := jsonb_build_array(jsonb_build_object('first', s, 'last', e, 'operand', true));
    f := s;
    l := e;
    _op := tok[e + 1];
    IF _op = ANY (_cmp) AND upper(tok[e + 2]) IN ('ANY', 'ALL') AND tok[e + 3] IS NOT DISTINCT FROM '(' THEN
      SELECT * INTO _c FROM pg_temp.gb_enums_constant(tok, e + 4);
      IF _c.last IS NOT NULL AND _c.is_array AND tok[_c.last + 1] IS NOT DISTINCT FROM ')' THEN
        op := _op || ' ' || upper(tok[e + 2]);
        constants := _c.vals;
        edits := edits || jsonb_build_object('first', e + 4, 'last', _c.last, 'array', true, 'kind', _c.kind, 'values', to_jsonb(_c.vals));
        l := _c.last + 1;
      END IF;
    ELSIF _op = ANY (_cmp) THEN
      SELECT * INTO _c FROM pg_temp.gb_enums_constant(tok, e + 2);
      IF _c.last IS NOT NULL AND NOT _c.is_array THEN
        op := _op;
        constants := _c.vals;
        edits := edits || jsonb_build_object('first', e + 2, 'last', _c.last, 'kind', _c.kind, 'values', to_jsonb(_c.vals));
        l := _c.last;
      END IF;
    ELSIF upper(_op) = 'IS' AND upper(tok[e + 2]) = 'NULL' THEN
      op := 'IS NULL';
      l := e + 2;
    ELSIF upper(_op) = 'IS' AND upper(tok[e + 2]) = 'NOT' AND upper(tok[e + 3]) = 'NULL' THEN
      op := 'IS NOT NULL';
      l := e + 3;
    ELSIF upper(_op) = 'IS' AND (upper(tok[e + 2]) = 'DISTINCT' OR (upper(tok[e + 2]) = 'NOT' AND upper(tok[e + 3]) = 'DISTINCT')) THEN
      j := CASE WHEN upper(tok[e + 2]) = 'NOT' THEN e + 3 ELSE e + 2 END;
      IF upper(tok[j + 1]) = 'FROM' THEN
        SELECT * INTO _c FROM pg_temp.gb_enums_constant(tok, j + 2);
        IF _c.last IS NOT NULL AND NOT _c.is_array THEN
          op := CASE WHEN j = e + 3 THEN 'IS NOT DISTINCT FROM' ELSE 'IS DISTINCT FROM' END;
          constants := _c.vals;
          edits := edits || jsonb_build_object('first', j + 2, 'last', _c.last, 'kind', _c.kind, 'values', to_jsonb(_c.vals));
          l := _c.last;
        END IF;
      END IF;
    ELSIF upper(tok[s - 1]) = 'CASE' AND upper(_op) = 'WHEN' THEN
      -- A simple CASE on the column: the constant after each WHEN of this CASE (not of a
      -- CASE nested in its results) is compared with the column.
      op := 'CASE';
      f := s - 1;
      j := e + 1;
      depth := 0;
      WHILE j <= n LOOP
        IF tok[j] = '(' OR upper(tok[j]) = 'CASE' THEN
          depth := depth + 1;
        ELSIF tok[j] = ')' OR upper(tok[j]) = 'END' THEN
          EXIT WHEN depth = 0;
          depth := depth - 1;
        ELSIF depth = 0 AND upper(tok[j]) = 'WHEN' THEN
          SELECT * INTO _c FROM pg_temp.gb_enums_constant(tok, j + 1);
          IF _c.last IS NULL OR _c.is_array OR upper(tok[_c.last + 1]) IS DISTINCT FROM 'THEN' THEN
            op := NULL;
            EXIT;
          END IF;
          constants := constants || _c.vals;
          edits := edits || jsonb_build_object('first', j + 1, 'last', _c.last, 'kind', _c.kind, 'values', to_jsonb(_c.vals));
          j := _c.last;
        END IF;
        j := j + 1;
      END LOOP;
      l := least(j, n);
    ELSIF tok[s - 1] = ANY (_cmp) THEN
      -- A comparison written constant first: 'ban'::text = (kind)::text.
      FOR j IN REVERSE s - 2 .. 1 LOOP
        SELECT * INTO _c FROM pg_temp.gb_enums_constant(tok, j);
        IF _c.last = s - 2 AND NOT _c.is_array AND (j = 1 OR tok[j - 1] = ANY (_left) OR upper(tok[j - 1]) = ANY (_left)) THEN
          op := tok[s - 1];
          constants := _c.vals;
          edits := edits || jsonb_build_object('first', j, 'last', _c.last, 'kind', _c.kind, 'values', to_jsonb(_c.vals));
          f := j;
          EXIT;
        END IF;
        EXIT WHEN tok[j] = ANY (_left);
      END LOOP;
    END IF;
    -- The deparser writes every operator expression in parentheses: a comparison stands
    -- alone between its neighbours, or something else applies to the column.
    IF op IS NOT NULL AND op <> 'CASE' AND NOT (
         (f = 1 OR tok[f - 1] = ANY (_left) OR upper(tok[f - 1]) = ANY (_left))
         AND (l = n OR tok[l + 1] = ANY (_right) OR upper(tok[l + 1]) = ANY (_right))) THEN
      op := NULL;
    END IF;
    IF op IS NULL THEN
      -- Name the smallest parenthesised expression around the use (with its function name).
      f := s;
      l := e;
      depth := 0;
      WHILE f > 1 LOOP
        f := f - 1;
        IF tok[f] = ')' THEN
          depth := depth + 1;
        ELSIF tok[f] = '(' THEN
          EXIT WHEN depth = 0;
          depth := depth - 1;
        END IF;
      END LOOP;
      IF tok[f] = '(' AND f > 1 AND tok[f - 1] ~ '^[[:alpha:]_"]' AND upper(tok[f - 1]) <> ALL (_left) THEN
        f := f - 1;
      END IF;
      depth := 0;
      WHILE l < n LOOP
        l := l + 1;
        IF tok[l] = '(' THEN
          depth := depth + 1;
        ELSIF tok[l] = ')' THEN
          EXIT WHEN depth = 0;
          depth := depth - 1;
        END IF;
      END LOOP;
      constants := '{}';
      edits := NULL;
      problem := CASE
        WHEN tok[e + 1] IN ('~~', '~~*', '!~~', '!~~*') THEN format('%s is matched with LIKE', q)
        WHEN tok[e + 1] IN ('~', '~*', '!~', '!~*') THEN format('%s is matched with a regular expression', q)
        WHEN tok[e + 1] = ANY (_cmp) OR tok[s - 1] = ANY (_cmp) THEN format('%s is compared with something other than a constant', q)
        WHEN tok[s - 1] = '(' AND tok[s - 2] ~ '^[[:alpha:]_"]' AND upper(tok[s - 2]) <> ALL (_left) THEN format('%s is an argument of %s()', q, tok[s - 2])
        WHEN tok[e + 1] ~ '^[-+*/<>=~!@#%^&|`?]+$' THEN format('%s is an operand of %s', q, tok[e + 1])
        WHEN tok[s - 1] ~ '^[-+*/<>=~!@#%^&|`?]+$' THEN format('%s is an operand of %s', q, tok[s - 1])
        WHEN cast_type IS NOT NULL AND cast_type <> 'text' THEN format('%s is cast to %s', q, cast_type)
        ELSE format('%s is used in an expression, not compared with a constant', q)
      END;
    END IF;
    IF op IS NOT NULL THEN
      SELECT coalesce(array_agg(CASE WHEN v IS NULL THEN 'null' ELSE x->>'kind' END ORDER BY o1, o2), '{}')
        INTO kinds
        FROM jsonb_array_elements(edits) WITH ORDINALITY AS a(x, o1)
        CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(x->'values', '[]')) WITH ORDINALITY AS b(v, o2);
    END IF;
    fragment := array_to_string(ARRAY(SELECT CASE WHEN k = f THEN '' ELSE _space[k] END || tok[k] FROM generate_series(f, l) AS k ORDER BY k), '');
    RETURN NEXT;
    i := e + 1;
  END LOOP;
END
$fn$;

-- `expr` with every comparison of column `col` with constants translated through `mapping`,
-- a JSON object from each constant (as text) to what replaces it, and the rest of the text
-- as it was. A constant that is not a key is looked up again in lower case (the caller puts
-- the lower-cased spellings that name one value only into the mapping).
--   literal_type NULL: up. The constants are strings, the mapping gives numbers, and the
--     column loses the deparser's `::text` cast: `((kind)::text = 'ban'::text)` becomes
--     `(kind = 3)`.
--   literal_type a type name: down. The constants are numbers, the mapping gives spellings,
--     written as literals of that type: `(kind = 3)` becomes `(kind = 'ban'::text)`.
-- `IS [NOT] NULL` keeps its meaning and needs no translation. Any other use of the column (a
-- cast, a function, LIKE, `<`, a comparison with another column, a constant of the other
-- kind, a constant the mapping lacks) raises feature_not_supported (0A000) with a message
-- that quotes the fragment.
CREATE OR REPLACE FUNCTION pg_temp.gb_enums_translate(expr text, col text, mapping jsonb, literal_type text DEFAULT NULL)
RETURNS text LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  _space text[];
  tok text[];
  _u record;
  _x jsonb;
  _v text;
  _new text;
  _parts text[];
  _from int[] := '{}';
  _to int[] := '{}';
  _with text[] := '{}';
  _out text := '';
  i int;
  k int;
  _want constant text := CASE WHEN literal_type IS NULL THEN 'string' ELSE 'number' END;
BEGIN
  IF expr IS NULL OR col IS NULL OR mapping IS NULL THEN
    RETURN expr;
  END IF;
  SELECT t.space, t.tok INTO _space, tok FROM pg_temp.gb_enums_tokens(expr) AS t;
  FOR _u IN SELECT * FROM pg_temp.gb_enums_uses(expr, col) LOOP
    IF _u.op IS NULL THEN
      RAISE EXCEPTION 'gb-enums: cannot translate `%`: %', _u.fragment, _u.problem
        USING ERRCODE = 'feature_not_supported';
    ELSIF _u.op NOT IN ('=', '<>', '!=', '= ANY', '<> ALL', '!= ALL', 'IS DISTINCT FROM', 'IS NOT DISTINCT FROM', 'CASE', 'IS NULL', 'IS NOT NULL') THEN
      RAISE EXCEPTION 'gb-enums: cannot translate `%`: % is compared with %, and %',
        _u.fragment, quote_ident(col), _u.op,
        CASE WHEN literal_type IS NULL THEN 'the numbers do not keep the order of the strings' ELSE 'the strings do not keep the order of the numbers' END
        USING ERRCODE = 'feature_not_supported';
    ELSIF _u.cast_type IS NOT NULL AND (literal_type IS NOT NULL OR _u.cast_type <> 'text') THEN
      RAISE EXCEPTION 'gb-enums: cannot translate `%`: % is cast to %', _u.fragment, quote_ident(col), _u.cast_type
        USING ERRCODE = 'feature_not_supported';
    END IF;
    FOR _x IN SELECT x FROM jsonb_array_elements(_u.edits) AS x LOOP
      IF (_x->>'operand')::boolean THEN
        _new := quote_ident(col);
      ELSE
        _parts := '{}';
        FOR _v IN SELECT v FROM jsonb_array_elements_text(_x->'values') AS v LOOP
          IF _v IS NULL THEN
            _parts := _parts || 'NULL'::text;
            CONTINUE;
          ELSIF _x->>'kind' <> _want THEN
            RAISE EXCEPTION 'gb-enums: cannot translate `%`: % is compared with the % %, where % are expected',
              _u.fragment, quote_ident(col), _x->>'kind', CASE _x->>'kind' WHEN 'string' THEN quote_literal(_v) ELSE _v END,
              _want || 's'
              USING ERRCODE = 'feature_not_supported';
          END IF;
          _new := coalesce(mapping->>_v, mapping->>lower(_v));
          IF _new IS NULL THEN
            RAISE EXCEPTION 'gb-enums: cannot translate `%`: % is no % of the enum', _u.fragment,
              CASE WHEN literal_type IS NULL THEN quote_literal(_v) ELSE _v END,
              CASE WHEN literal_type IS NULL THEN 'name or alias' ELSE 'value' END
              USING ERRCODE = 'feature_not_supported';
          END IF;
          _parts := _parts || CASE
            WHEN literal_type IS NOT NULL THEN format('%s::%s', quote_literal(_new), literal_type)
            WHEN _new::int < 0 THEN format('(%s)', _new)
            ELSE _new END;
        END LOOP;
        IF coalesce(_x->>'kind', 'null') = 'null' AND cardinality(_parts) > 0 THEN
          -- Only NULLs: typed, so that an array of them has a type.
          _parts := array_fill(format('NULL::%s', coalesce(literal_type, 'smallint')), ARRAY[cardinality(_parts)]);
        END IF;
        IF NOT coalesce((_x->>'array')::boolean, false) THEN
          _new := _parts[1];
        ELSIF cardinality(_parts) = 0 THEN
          _new := format('''{}''::%s[]', coalesce(literal_type, 'smallint'));
        ELSE
          _new := format('ARRAY[%s]', array_to_string(_parts, ', '));
        END IF;
      END IF;
      _from := _from || (_x->>'first')::int;
      _to := _to || (_x->>'last')::int;
      _with := _with || _new;
    END LOOP;
  END LOOP;
  i := 1;
  WHILE i <= cardinality(tok) LOOP
    k := array_position(_from, i);
    IF k IS NULL THEN
      _out := _out || _space[i] || tok[i];
      i := i + 1;
    ELSE
      _out := _out || _space[i] || _with[k];
      i := _to[k] + 1;
    END IF;
  END LOOP;
  RETURN _out;
END
$fn$;

-- For the audit: every constant that column `col` is compared with in `expr`, one row each,
-- with the comparison (`op` as in gb_enums_uses), the cast on the column, the constant as
-- text, its kind ('string', 'number' or 'null') and the fragment; a use that is no
-- comparison with constants is one row with a NULL op, constant and kind, and the problem.
-- `(status < 9)` gives ('<', NULL, '9', 'number', 'status < 9', NULL).
CREATE OR REPLACE FUNCTION pg_temp.gb_enums_constants(expr text, col text)
RETURNS TABLE (op text, cast_type text, constant text, kind text, fragment text, problem text)
LANGUAGE sql STABLE STRICT AS $fn$
  SELECT u.op, u.cast_type, c.constant, c.kind, u.fragment, u.problem
    FROM pg_temp.gb_enums_uses(expr, col) WITH ORDINALITY AS u
    LEFT JOIN LATERAL unnest(u.constants, u.kinds) WITH ORDINALITY AS c(constant, kind, n) ON true
   WHERE u.op IS NULL OR cardinality(u.constants) > 0 OR u.op IN ('IS NULL', 'IS NOT NULL')
   ORDER BY u.ordinality, c.n
$fn$;
