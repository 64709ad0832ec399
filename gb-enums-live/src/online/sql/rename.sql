-- Renames a column in an expression deparsed by PostgreSQL: `expr` with every reference to
-- column `col` (a token spelled as quote_ident(col), not qualified, not a function name, not
-- a type after `::`) written as `other`. Built on the translator's tokenizer
-- (pg_temp.gb_enums_tokens), so string literals and quoted names are never touched; run
-- after the translator's definitions, in the same transaction.
CREATE OR REPLACE FUNCTION pg_temp.gb_enums_rename(expr text, col text, other text)
RETURNS text LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  _space text[];
  _tok text[];
  _out text := '';
  n int;
BEGIN
  IF expr IS NULL THEN
    RETURN NULL;
  END IF;
  SELECT t.space, t.tok INTO _space, _tok FROM pg_temp.gb_enums_tokens(expr) AS t;
  n := coalesce(cardinality(_tok), 0);
  FOR i IN 1 .. n LOOP
    _out := _out || _space[i] || CASE
      WHEN _tok[i] = quote_ident(col)
           AND (i = 1 OR _tok[i - 1] NOT IN ('.', '::'))
           AND (i = n OR _tok[i + 1] <> '(')
        THEN quote_ident(other)
      ELSE _tok[i] END;
  END LOOP;
  RETURN _out;
END
$fn$
