//! `gb-enums audit` on MariaDB and SQLite, with the checks each supports: a database built to
//! match the registry is clean (exit 0); each drift alone is reported at its `table.column`
//! with its count (exit 1).

mod cli_support;

use cli_support::{gb_enums, run};
use diesel::connection::SimpleConnection;
use diesel::{Connection, SqliteConnection};
use gb_enums_codegen::{parse_registry, render, Dialect, Source};
use serde_json::Value;

const REGISTRY: &str = r#"
[enums.task_status]
variants = [
  { value = 0, name = "pending",   description = "Waiting to start" },
  { value = 1, name = "running",   description = "Running", aliases = ["RUNNING_NOW"] },
  { value = 2, name = "completed", description = "It's done" },
  { value = 3, name = "cancelled", description = "Cancelled by user", deprecated = "use failed" },
]

[enums.task_priority]
variants = [
  { value = 0, name = "low",    description = "Low" },
  { value = 1, name = "normal", description = "Normal" },
]

[tables.auto_tasks]
status   = { enum = "task_status",   default = "pending" }
priority = { enum = "task_priority", default = "normal" }
"#;

fn sql(dialect: Dialect) -> String {
    let registry = parse_registry(Source::new("schema.toml", REGISTRY)).unwrap();
    render::sql::render(&registry, dialect, "schema.toml").unwrap()
}

type Found = Vec<(String, String, Option<u64>)>;

/// Runs the audit of `url` and returns the exit code, the findings and the whole report.
fn audit(url: &str) -> (i32, Found, Value) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.toml"), REGISTRY).unwrap();
    let out = run(gb_enums(dir.path()).args(["audit", "--format", "json", "--database-url", url]));
    let report: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", out.stdout, out.stderr));
    let found = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_owned(),
                f["location"].as_str().unwrap().to_owned(),
                f["count"].as_u64(),
            )
        })
        .collect();
    (out.code, found, report)
}

fn one(kind: &str, location: &str, count: Option<u64>) -> Found {
    vec![(kind.to_owned(), location.to_owned(), count)]
}

// ---- SQLite ----

const SQLITE_TABLE: &str =
    "CREATE TABLE auto_tasks (id INTEGER PRIMARY KEY, status SMALLINT NOT NULL DEFAULT 0, \
                            priority SMALLINT NOT NULL DEFAULT 1, title TEXT NOT NULL);";

/// A SQLite file with the lookup tables and `table`, rows inserted, then `drift`.
fn sqlite(table: &str, drift: &str) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    let mut conn = SqliteConnection::establish(path.to_str().unwrap()).unwrap();
    let ddl = sql(Dialect::Sqlite);
    conn.batch_execute(&ddl).unwrap();
    conn.batch_execute(&ddl).unwrap();
    conn.batch_execute(table).unwrap();
    conn.batch_execute(
        "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < 500) \
         INSERT INTO auto_tasks (id, status, priority, title) SELECT n, n % 4, n % 2, 'task ' || n FROM g;",
    )
    .unwrap();
    if !drift.is_empty() {
        conn.batch_execute(drift).unwrap();
    }
    let url = format!("sqlite://{}", path.display());
    (dir, url)
}

#[test]
fn sqlite_matching_database_is_clean() {
    let (_dir, url) = sqlite(SQLITE_TABLE, "");
    let (code, found, report) = audit(&url);
    assert_eq!((code, found), (0, vec![]), "{report}");
    assert_eq!(report["backend"], "sqlite");
    assert!(
        report["notes"][0]
            .as_str()
            .unwrap()
            .starts_with("sqlite: no column comments"),
        "{report}"
    );
}

#[test]
fn sqlite_drifts_one_at_a_time() {
    let varchar = SQLITE_TABLE.replace(
        "status SMALLINT NOT NULL DEFAULT 0",
        "status VARCHAR(20) NOT NULL DEFAULT 'pending'",
    );
    let (_d1, url) = sqlite(&varchar, "UPDATE auto_tasks SET status = CASE status WHEN '0' THEN 'pending' WHEN '1' THEN 'RUNNING_NOW' ELSE 'completed' END;");
    assert_eq!(
        audit(&url).1,
        one("not_smallint", "auto_tasks.status", None)
    );

    let (_d2, url) = sqlite(
        SQLITE_TABLE,
        "UPDATE auto_tasks SET status = 42 WHERE id <= 3;",
    );
    let (code, found, report) = audit(&url);
    assert_eq!(
        (code, found),
        (1, one("unknown_values", "auto_tasks.status", Some(3)))
    );
    assert_eq!(
        report["findings"][0]["values"],
        serde_json::json!([{ "value": "42", "rows": 3 }])
    );

    let (_d3, url) = sqlite(&SQLITE_TABLE.replace("DEFAULT 1", "DEFAULT 0"), "");
    assert_eq!(
        audit(&url).1,
        one("default_differs", "auto_tasks.priority", None)
    );

    let fk = SQLITE_TABLE.replace(
        "priority SMALLINT NOT NULL DEFAULT 1",
        "priority SMALLINT NOT NULL DEFAULT 1 REFERENCES enum_task_priority (value)",
    );
    let (_d4, url) = sqlite(&fk, "");
    assert_eq!(
        audit(&url).1,
        one("foreign_key", "auto_tasks.priority", Some(1))
    );

    let (_d5, url) = sqlite(
        SQLITE_TABLE,
        "UPDATE enum_task_status SET name = 'done' WHERE value = 2;",
    );
    assert_eq!(
        audit(&url).1,
        one("lookup_mismatch", "enum_task_status", Some(1))
    );

    // A file that is not there is an error, and is not created.
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.db");
    let (code, _, _) = audit_raw_code(&format!("sqlite://{}", missing.display()));
    assert_eq!(code, 2);
    assert!(!missing.exists());
}

fn audit_raw_code(url: &str) -> (i32, String, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.toml"), REGISTRY).unwrap();
    let out = run(gb_enums(dir.path()).args(["audit", "--database-url", url]));
    (out.code, out.stdout, out.stderr)
}

// ---- MariaDB ----

const MYSQL_TABLE: &str = "CREATE TABLE auto_tasks (id BIGINT PRIMARY KEY, status SMALLINT NOT NULL, \
                           priority SMALLINT NOT NULL, title TEXT NOT NULL) DEFAULT CHARSET = utf8mb4;";

/// A fresh MariaDB database `gbcli_audit_<name>` holding the matching tables, then `drift`.
fn mariadb(
    name: &str,
    drift: &str,
) -> Option<(cli_support::db::TestDb<diesel::MysqlConnection>, String)> {
    let mut db = cli_support::db::mysql(&format!("audit_{name}"))?;
    db.batch_execute(MYSQL_TABLE).unwrap();
    db.batch_execute(
        "INSERT INTO auto_tasks SELECT seq, seq % 4, seq % 2, CONCAT('task ', seq) FROM seq_1_to_500;",
    )
    .unwrap();
    let ddl = sql(Dialect::Mysql);
    db.batch_execute(&ddl).unwrap();
    db.batch_execute(&ddl).unwrap();
    if !drift.is_empty() {
        db.batch_execute(drift).unwrap();
    }
    let base = std::env::var("MYSQL_DATABASE_URL")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".into());
    let (server, _) = base.rsplit_once('/').unwrap();
    Some((db, format!("{server}/gbcli_audit_{name}")))
}

#[test]
fn mariadb_matching_database_is_clean() {
    let Some((_db, url)) = mariadb("clean", "") else {
        return;
    };
    let (code, found, report) = audit(&url);
    assert_eq!((code, found), (0, vec![]), "{report}");
    assert_eq!(report["backend"], "mysql");
}

#[test]
fn mariadb_column_still_varchar() {
    let drift = "ALTER TABLE auto_tasks MODIFY status VARCHAR(20) NOT NULL; \
                 UPDATE auto_tasks SET status = CASE status WHEN '0' THEN 'pending' WHEN '1' THEN 'Running' ELSE 'cancelled' END;";
    let Some((_db, url)) = mariadb("varchar", drift) else {
        return;
    };
    assert_eq!(
        audit(&url).1,
        one("not_smallint", "auto_tasks.status", None)
    );
}

#[test]
fn mariadb_unknown_value_42_in_3_rows() {
    let Some((_db, url)) = mariadb(
        "unknown",
        "UPDATE auto_tasks SET status = 42 WHERE id <= 3;",
    ) else {
        return;
    };
    let (code, found, report) = audit(&url);
    assert_eq!(
        (code, found),
        (1, one("unknown_values", "auto_tasks.status", Some(3)))
    );
    assert_eq!(
        report["findings"][0]["values"],
        serde_json::json!([{ "value": "42", "rows": 3 }])
    );
}

#[test]
fn mariadb_wrong_default() {
    let Some((_db, url)) = mariadb(
        "default",
        "ALTER TABLE auto_tasks ALTER COLUMN priority SET DEFAULT 0;",
    ) else {
        return;
    };
    assert_eq!(
        audit(&url).1,
        one("default_differs", "auto_tasks.priority", None)
    );
}

#[test]
fn mariadb_leftover_check_and_foreign_key() {
    let drift = "ALTER TABLE auto_tasks ADD CONSTRAINT auto_tasks_status_check CHECK (status IN (0, 1, 2, 3));";
    let Some((_db, url)) = mariadb("check", drift) else {
        return;
    };
    assert_eq!(
        audit(&url).1,
        one("check_constraint", "auto_tasks.status", Some(1))
    );
    let drift = "ALTER TABLE auto_tasks ADD CONSTRAINT auto_tasks_priority_fk FOREIGN KEY (priority) REFERENCES enum_task_priority (value);";
    let Some((_db, url)) = mariadb("fk", drift) else {
        return;
    };
    assert_eq!(
        audit(&url).1,
        one("foreign_key", "auto_tasks.priority", Some(1))
    );
}

#[test]
fn mariadb_stale_lookup_row_and_comment() {
    let Some((_db, url)) = mariadb(
        "lookup",
        "UPDATE enum_task_status SET deprecated = NULL WHERE value = 3;",
    ) else {
        return;
    };
    assert_eq!(
        audit(&url).1,
        one("lookup_mismatch", "enum_task_status", Some(1))
    );
    let drift = "ALTER TABLE auto_tasks MODIFY priority SMALLINT NOT NULL DEFAULT 1 COMMENT 'old';";
    let Some((_db, url)) = mariadb("comment", drift) else {
        return;
    };
    assert_eq!(
        audit(&url).1,
        one("comment_stale", "auto_tasks.priority", None)
    );
}
