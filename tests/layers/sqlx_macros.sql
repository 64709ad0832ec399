-- The table that `query!` in tests/sqlx_macros.rs is checked against when its offline data
-- is rewritten (see sqlx.toml). The same as the tests' own.
DROP TABLE IF EXISTS auto_tasks;
CREATE TABLE auto_tasks (id INTEGER PRIMARY KEY, title TEXT NOT NULL, status SMALLINT NOT NULL,
  priority SMALLINT NOT NULL, execution_mode SMALLINT NOT NULL, risk SMALLINT NULL, channel INTEGER NOT NULL);
