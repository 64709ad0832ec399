-- The example's tables: `auto_tasks` as in the reference document's "After" DDL, plus
-- created_at and title, and `task_approvals`. Enum columns are SMALLINT with no CHECK: the
-- registry (schema.toml) and the typed Rust layer keep them valid, and the lookup tables
-- enum_* (sql/enums.sqlite.sql at the repository root) name the values for SQL readers.
--
-- The id is an INTEGER PRIMARY KEY (SQLite's rowid) rather than the document's UUID.

CREATE TABLE IF NOT EXISTS auto_tasks (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    status SMALLINT NOT NULL DEFAULT 0,          -- task_status: pending
    priority SMALLINT NOT NULL DEFAULT 1,        -- task_priority: normal
    execution_mode SMALLINT NOT NULL DEFAULT 1,  -- execution_mode: supervised
    title TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS task_approvals (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES auto_tasks (id),
    expires_at TEXT NOT NULL DEFAULT (datetime('now', '+1 day')),
    status SMALLINT NOT NULL DEFAULT 0           -- approval_status: pending
);
