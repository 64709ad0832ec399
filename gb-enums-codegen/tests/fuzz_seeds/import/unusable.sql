-- What import cannot use is skipped with a note naming the line; nothing stops it.
CREATE TABLE payments (
  id bigint PRIMARY KEY,
  amount numeric CHECK (amount > 0),
  level int CHECK (level IN (1, 2, 3)),
  state text CHECK (state IN ('open', 'closed')),
  CHECK (state <> 'closed' OR amount IS NOT NULL)
);
CREATE TABLE broken (kind text CHECK (kind IN 'a'));
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
GRANT SELECT ON payments TO PUBLIC;
CREATE TABLE "Odd Table" (kind text CHECK (kind IN ('x', 'y')));
ALTER TABLE payments ADD CONSTRAINT payments_state_check2 CHECK (state IN ('open'));
