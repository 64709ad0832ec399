-- The example's tables: `auto_tasks` as in the reference document's "After" DDL, plus
-- created_at and title, and `task_approvals`. Enum columns are SMALLINT with no CHECK: the
-- registry (schema.toml) and the typed Rust layer keep them valid, and the lookup tables
-- enum_* (sql/enums.postgres.sql at the repository root) name the values for SQL readers.
--
-- The id is a BIGINT identity rather than the document's UUID so that the same code runs on
-- SQLite. Columns go from widest to narrowest so that the 2-byte enums do not pad between
-- 8-byte columns (research.md: interleaving them wasted 11.6 bytes per row).

CREATE TABLE IF NOT EXISTS auto_tasks (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    status SMALLINT NOT NULL DEFAULT 0,          -- task_status: pending
    priority SMALLINT NOT NULL DEFAULT 1,        -- task_priority: normal
    execution_mode SMALLINT NOT NULL DEFAULT 1,  -- execution_mode: supervised
    title TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS task_approvals (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id BIGINT NOT NULL REFERENCES auto_tasks (id),
    expires_at TIMESTAMPTZ NOT NULL DEFAULT now() + INTERVAL '1 day',
    status SMALLINT NOT NULL DEFAULT 0           -- approval_status: pending
);
