-- A history of migrations, read in order: what later statements undo is gone from the result.
CREATE TABLE tasks (
  id bigint PRIMARY KEY,
  state varchar(20) NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'done')),
  legacy_flag text CHECK (legacy_flag IN ('y', 'n'))
);

-- a value was added: the constraint (named by PostgreSQL) is dropped and added again
ALTER TABLE tasks DROP CONSTRAINT tasks_state_check;
ALTER TABLE tasks ADD CONSTRAINT tasks_state_check CHECK (state IN ('new', 'in_progress', 'done'));

-- a column renamed, another dropped, the default changed
ALTER TABLE tasks RENAME COLUMN state TO status;
ALTER TABLE tasks DROP COLUMN legacy_flag;
ALTER TABLE tasks ALTER COLUMN status SET DEFAULT 'in_progress';

-- a table that came and went
CREATE TABLE scratch (kind text CHECK (kind IN ('a', 'b')));
DROP TABLE scratch;
