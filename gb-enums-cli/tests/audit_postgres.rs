//! `gb-enums audit` on a real PostgreSQL: a database built to match the registry exactly is
//! clean (exit 0), and each kind of drift, introduced alone into a fresh copy, is reported at
//! its `table.column` with its count (exit 1).

mod cli_support;

use cli_support::db::TestDb;
use cli_support::{gb_enums, run, Run};
use diesel::connection::SimpleConnection;
use diesel::PgConnection;
use gb_enums_codegen::{parse_registry, render, Dialect, Source};
use serde_json::Value;

const REGISTRY: &str = r#"
[enums.task_status]
default = "pending"
variants = [
  { value = 0, name = "pending",   description = "Waiting to start" },
  { value = 1, name = "running",   description = "Running", aliases = ["RUNNING_NOW"] },
  { value = 2, name = "completed", description = "It's done" },
  { value = 3, name = "cancelled", description = "Cancelled by user", deprecated = "use failed" },
  { value = 4, name = "failed",    description = "Failed" },
]

[enums.task_priority]
variants = [
  { value = 0, name = "low",    description = "Low" },
  { value = 1, name = "normal", description = "Normal" },
  { value = 2, name = "high",   description = "High" },
]

[tables.auto_tasks]
status   = { enum = "task_status",   default = "pending" }
priority = { enum = "task_priority", default = "normal" }
"#;

/// The table as the registry wants it: SMALLINT columns without CHECK, in an order without
/// padding, holding only known values.
const TABLE: &str = "
CREATE TABLE auto_tasks (
    id BIGINT PRIMARY KEY,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    status SMALLINT NOT NULL,
    priority SMALLINT NOT NULL,
    title TEXT NOT NULL
);
INSERT INTO auto_tasks (id, status, priority, title)
SELECT g, g % 5, g % 3, 'task ' || g FROM generate_series(1, 2000) AS g;
";

struct Audit {
    _db: TestDb<PgConnection>,
    dir: tempfile::TempDir,
    url: String,
}

/// A fresh schema holding the matching database, then `drift` applied to it.
fn database(name: &str, drift: &str) -> Option<Audit> {
    let mut db = cli_support::db::postgres(&format!("audit_{name}"))?;
    let registry = parse_registry(Source::new("schema.toml", REGISTRY)).unwrap();
    let sql = render::sql::render(&registry, Dialect::Postgres, "schema.toml").unwrap();
    db.batch_execute(TABLE).unwrap();
    // Twice: applying the generated file again must change nothing.
    db.batch_execute(&sql).unwrap();
    db.batch_execute(&sql).unwrap();
    if !drift.is_empty() {
        db.batch_execute(drift).unwrap();
    }
    // Statistics, as a live database has them (the padding check reads average widths).
    db.batch_execute(
        "DO $$ BEGIN IF to_regclass('auto_tasks') IS NOT NULL THEN ANALYZE auto_tasks; END IF; END $$",
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.toml"), REGISTRY).unwrap();
    let base = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let sep = if base.contains('?') { '&' } else { '?' };
    let url = format!("{base}{sep}options=-c%20search_path%3Dgbcli_audit_{name}");
    Some(Audit { _db: db, dir, url })
}

impl Audit {
    fn run(&self, args: &[&str]) -> Run {
        run(gb_enums(self.dir.path())
            .arg("audit")
            .arg("--database-url")
            .arg(&self.url)
            .args(args))
    }

    /// The JSON report, checked to be exit 0 when clean and 1 otherwise.
    fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        let report: Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", out.stdout, out.stderr));
        let clean = report["summary"]["clean"].as_bool().unwrap();
        assert_eq!(out.code, if clean { 0 } else { 1 }, "{}", out.stderr);
        report
    }
}

/// `(kind, location, count)` of each finding.
fn findings(report: &Value) -> Vec<(String, String, Option<u64>)> {
    report["findings"]
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
        .collect()
}

fn one(kind: &str, location: &str, count: Option<u64>) -> Vec<(String, String, Option<u64>)> {
    vec![(kind.to_owned(), location.to_owned(), count)]
}

#[test]
fn matching_database_is_clean() {
    let Some(a) = database("clean", "") else {
        return;
    };
    let out = a.run(&[]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("read-only"), "{}", out.stdout);
    assert!(
        out.stdout.ends_with(
            "no finding: the database matches the registry (1 table, 2 columns, 2 lookup tables audited)\n"
        ),
        "{}",
        out.stdout
    );
    let report = a.json(&[]);
    assert_eq!(findings(&report), []);
    assert_eq!(report["read_only"], true);
    assert_eq!(
        report["lookup_tables"],
        serde_json::json!(["enum_task_status", "enum_task_priority"])
    );
}

#[test]
fn column_still_varchar() {
    let drift = "ALTER TABLE auto_tasks ALTER COLUMN status DROP DEFAULT, ALTER COLUMN status TYPE VARCHAR(20) USING \
                 (CASE status WHEN 0 THEN 'pending' WHEN 1 THEN 'RUNNING_NOW' WHEN 2 THEN 'Completed' WHEN 3 THEN 'cancelled' ELSE 'failed' END);";
    let Some(a) = database("varchar", drift) else {
        return;
    };
    let report = a.json(&[]);
    // Aliases and case-insensitive spellings are known: `gb-enums migrate` maps them.
    assert_eq!(
        findings(&report),
        one("not_smallint", "auto_tasks.status", None)
    );
    let f = &report["findings"][0];
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("`character varying(20)`"),
        "{f}"
    );
    assert!(
        f["fix"]
            .as_str()
            .unwrap()
            .starts_with("gb-enums migrate --dialect postgres auto_tasks"),
        "{f}"
    );
}

#[test]
fn unknown_value_42_in_3_rows() {
    let Some(a) = database(
        "unknown",
        "UPDATE auto_tasks SET status = 42 WHERE id <= 3;",
    ) else {
        return;
    };
    let report = a.json(&[]);
    assert_eq!(
        findings(&report),
        one("unknown_values", "auto_tasks.status", Some(3))
    );
    assert_eq!(
        report["findings"][0]["values"],
        serde_json::json!([{ "value": "42", "rows": 3 }])
    );
    assert_eq!(report["findings"][0]["estimate"], false);
    let text = a.run(&[]).stdout;
    assert!(
        text.contains("auto_tasks.status: unknown_values: 3 rows hold a value that enum task_status does not know: 42\n"),
        "{text}"
    );
}

#[test]
fn wrong_default() {
    let Some(a) = database(
        "default",
        "ALTER TABLE auto_tasks ALTER COLUMN priority SET DEFAULT 2;",
    ) else {
        return;
    };
    let report = a.json(&[]);
    assert_eq!(
        findings(&report),
        one("default_differs", "auto_tasks.priority", None)
    );
    assert_eq!(
        report["findings"][0]["fix"],
        "ALTER TABLE \"auto_tasks\" ALTER COLUMN \"priority\" SET DEFAULT 1"
    );
}

#[test]
fn leftover_check() {
    let drift = "ALTER TABLE auto_tasks ADD CONSTRAINT auto_tasks_status_check CHECK (status IN (0, 1, 2, 3, 4));";
    let Some(a) = database("check", drift) else {
        return;
    };
    let report = a.json(&[]);
    assert_eq!(
        findings(&report),
        one("check_constraint", "auto_tasks.status", Some(1))
    );
}

#[test]
fn leftover_foreign_key() {
    let drift = "ALTER TABLE auto_tasks ADD CONSTRAINT auto_tasks_priority_fk FOREIGN KEY (priority) REFERENCES enum_task_priority (value);";
    let Some(a) = database("fk", drift) else {
        return;
    };
    let report = a.json(&[]);
    assert_eq!(
        findings(&report),
        one("foreign_key", "auto_tasks.priority", Some(1))
    );
}

#[test]
fn partial_index_naming_a_value_that_does_not_exist() {
    let drift = "CREATE INDEX auto_tasks_active ON auto_tasks (id) WHERE status < 9;";
    let Some(a) = database("predicate", drift) else {
        return;
    };
    let report = a.json(&[]);
    assert_eq!(
        findings(&report),
        one("predicate_unknown_value", "auto_tasks.status", Some(1))
    );
    assert_eq!(
        report["findings"][0]["message"],
        "partial index `auto_tasks_active` compares `status` with 9, which enum task_status does not have: `status < 9`"
    );
}

#[test]
fn check_with_unknown_number_and_index_left_comparing_strings() {
    // An index made while the column was text, then a bare ALTER TYPE: PostgreSQL keeps the
    // index with `(status)::text <> 'completed'::text`, true for every number.
    let drift = "DROP TABLE auto_tasks; \
                 CREATE TABLE auto_tasks (id BIGINT PRIMARY KEY, created_at TIMESTAMPTZ NOT NULL DEFAULT now(), \
                 status VARCHAR(20) NOT NULL, priority SMALLINT NOT NULL DEFAULT 1, title TEXT NOT NULL); \
                 CREATE INDEX auto_tasks_open ON auto_tasks (id) WHERE status <> 'completed'; \
                 ALTER TABLE auto_tasks ALTER COLUMN status TYPE SMALLINT USING 0, ALTER COLUMN status SET DEFAULT 0; \
                 ALTER TABLE auto_tasks ADD CONSTRAINT auto_tasks_priority_check CHECK (priority IN (0, 1, 2, 5));";
    let Some(a) = database("predicates", &format!("{drift}{}", comments_sql())) else {
        return;
    };
    let report = a.json(&[]);
    assert_eq!(
        findings(&report),
        [
            ("check_constraint", "auto_tasks.priority", Some(1)),
            ("predicate_unknown_value", "auto_tasks.priority", Some(1)),
            ("predicate_string", "auto_tasks.status", Some(1)),
        ]
        .map(|(k, l, c)| (k.to_owned(), l.to_owned(), c))
    );
    let message = report["findings"][2]["message"].as_str().unwrap();
    assert!(
        message.starts_with("partial index `auto_tasks_open` compares `status` with 1 string"),
        "{message}"
    );
}

#[test]
fn stale_lookup_row() {
    let drift = "UPDATE enum_task_status SET description = 'Finished' WHERE value = 2;";
    let Some(a) = database("lookup", drift) else {
        return;
    };
    let report = a.json(&[]);
    assert_eq!(
        findings(&report),
        one("lookup_mismatch", "enum_task_status", Some(1))
    );
    let message = report["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.ends_with("value 2: description `Finished` (registry `It's done`)"),
        "{message}"
    );
}

#[test]
fn lookup_rows_missing_extra_and_undeprecated() {
    let drift = "DELETE FROM enum_task_priority WHERE value = 0; INSERT INTO enum_task_priority VALUES (7, 'urgent', 'Urgent', NULL); \
                 UPDATE enum_task_priority SET deprecated = 'use normal' WHERE value = 2; DROP TABLE enum_task_status;";
    let Some(a) = database("lookups", drift) else {
        return;
    };
    let report = a.json(&[]);
    let message = report["findings"][0]["message"].as_str().unwrap();
    assert!(
        message.ends_with("value 0 (`low`) has no row; value 2: deprecated `use normal` (registry NULL); value 7 is not in the registry"),
        "{message}"
    );
    assert_eq!(
        findings(&report),
        [
            (
                "lookup_missing".to_owned(),
                "enum_task_status".to_owned(),
                None
            ),
            (
                "lookup_mismatch".to_owned(),
                "enum_task_priority".to_owned(),
                Some(3)
            ),
        ]
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
    );
}

#[test]
fn padding_wasting_column_order() {
    let drift = "DROP TABLE auto_tasks; CREATE TABLE auto_tasks (id BIGINT PRIMARY KEY, status SMALLINT NOT NULL DEFAULT 0, \
                 created_at TIMESTAMPTZ NOT NULL DEFAULT now(), priority SMALLINT NOT NULL DEFAULT 1, tenant_id BIGINT NOT NULL, \
                 title TEXT NOT NULL); \
                 INSERT INTO auto_tasks SELECT g, g % 5, now(), g % 3, g, 'task ' || g FROM generate_series(1, 100) g;";
    let Some(a) = database("padding", &format!("{drift}{}", comments_sql())) else {
        return;
    };
    let report = a.json(&[]);
    assert_eq!(findings(&report), one("padding", "auto_tasks", Some(12)));
    assert_eq!(
        report["findings"][0]["fix"],
        "when the table is next rewritten, declare its columns in this order: id, created_at, tenant_id, status, priority, title"
    );
}

#[test]
fn stale_comment_missing_column_and_table() {
    let drift = "COMMENT ON COLUMN auto_tasks.priority IS 'enum task_priority: 0 = low'; \
                 ALTER TABLE auto_tasks RENAME COLUMN status TO state;";
    let Some(a) = database("comment", drift) else {
        return;
    };
    let report = a.json(&[]);
    assert_eq!(
        findings(&report),
        [
            (
                "missing_column".to_owned(),
                "auto_tasks.status".to_owned(),
                None
            ),
            (
                "comment_stale".to_owned(),
                "auto_tasks.priority".to_owned(),
                None
            ),
        ]
        .into_iter()
        .rev()
        .collect::<Vec<_>>()
    );
    let Some(b) = database("missing", "DROP TABLE auto_tasks;") else {
        return;
    };
    assert_eq!(
        findings(&b.json(&[])),
        one("missing_table", "auto_tasks", None)
    );
}

/// The comments and defaults `gb-enums sql` sets, for a table created after it was applied.
fn comments_sql() -> String {
    let registry = parse_registry(Source::new("schema.toml", REGISTRY)).unwrap();
    render::sql::render(&registry, Dialect::Postgres, "schema.toml").unwrap()
}

#[test]
fn reports_are_deterministic_and_tables_can_be_chosen() {
    let drift = "UPDATE auto_tasks SET status = 42 WHERE id <= 3; UPDATE auto_tasks SET status = -7 WHERE id = 4; \
                 ALTER TABLE auto_tasks ALTER COLUMN priority SET DEFAULT 2; UPDATE enum_task_status SET name = 'x' WHERE value = 0;";
    let Some(a) = database("determinism", drift) else {
        return;
    };
    let first = a.run(&["--format", "json"]);
    let second = a.run(&["--format", "json"]);
    assert_eq!(first.stdout, second.stdout);
    // The reports themselves, with the machine's URL taken out (UPDATE_SNAPSHOTS=1 rewrites
    // them; review with `git diff`).
    let url_in_report = {
        let v: Value = serde_json::from_str(&first.stdout).unwrap();
        v["database"].as_str().unwrap().to_owned()
    };
    cli_support::assert_snapshot(
        &cli_support::snapshot_path("audit/drift.json"),
        &first.stdout.replace(&url_in_report, "<url>"),
    );
    cli_support::assert_snapshot(
        &cli_support::snapshot_path("audit/drift.txt"),
        &a.run(&[]).stdout.replace(&url_in_report, "<url>"),
    );
    let report: Value = serde_json::from_str(&first.stdout).unwrap();
    assert_eq!(
        findings(&report),
        [
            ("default_differs", "auto_tasks.priority", None),
            ("unknown_values", "auto_tasks.status", Some(4)),
            ("lookup_mismatch", "enum_task_status", Some(1)),
        ]
        .map(|(k, l, c)| (k.to_owned(), l.to_owned(), c))
    );
    assert_eq!(
        report["findings"][1]["values"],
        serde_json::json!([{ "value": "42", "rows": 3 }, { "value": "-7", "rows": 1 }])
    );
    let unknown = a.run(&["auto_task"]);
    assert_eq!(unknown.code, 2);
    assert!(
        unknown
            .stderr
            .contains("table `auto_task` is not under [tables]; did you mean `auto_tasks`?"),
        "{}",
        unknown.stderr
    );
}

#[test]
fn sample_mode_estimates_and_says_so() {
    // Enough blocks to be sampled (SAMPLE_BLOCKS = 2000 blocks of 8 kB): about 300,000 rows.
    let drift = "INSERT INTO auto_tasks (id, status, priority, title) \
                 SELECT g, CASE WHEN g % 10 = 0 THEN 42 ELSE g % 5 END, g % 3, 'task ' || g FROM generate_series(3001, 603000) AS g;";
    let Some(a) = database("sample", drift) else {
        return;
    };
    let exact = a.json(&[]);
    assert_eq!(
        findings(&exact),
        one("unknown_values", "auto_tasks.status", Some(60_000))
    );
    let sampled = a.json(&["--sample"]);
    assert_eq!(sampled["mode"], "sample");
    let f = &sampled["findings"][0];
    assert_eq!(
        (
            f["kind"].as_str(),
            f["location"].as_str(),
            f["estimate"].as_bool()
        ),
        (
            Some("unknown_values"),
            Some("auto_tasks.status"),
            Some(true)
        )
    );
    let estimate = f["count"].as_u64().unwrap();
    assert!(
        (45_000..=75_000).contains(&estimate),
        "estimate {estimate} far from 60,000"
    );
    assert!(f["message"].as_str().unwrap().contains("estimate"), "{f}");
    assert!(
        sampled["notes"][0]
            .as_str()
            .unwrap()
            .contains("block sample"),
        "{sampled}"
    );
}

#[test]
fn read_only_session_still_audits_everything_but_predicates() {
    // `default_transaction_read_only` makes any write fail, as on a hot standby: the audit
    // must need none (only the translator's pg_temp functions are refused, and said so).
    let drift = "UPDATE auto_tasks SET status = 42 WHERE id <= 3; CREATE INDEX auto_tasks_active ON auto_tasks (id) WHERE status < 9;";
    let Some(mut a) = database("read_only", drift) else {
        return;
    };
    a.url.push_str("%20-c%20default_transaction_read_only%3Don");
    let report = a.json(&[]);
    assert_eq!(
        findings(&report),
        one("unknown_values", "auto_tasks.status", Some(3))
    );
    let notes = report["notes"].to_string();
    assert!(notes.contains("predicates were not checked"), "{notes}");
}

#[test]
fn unreachable_database_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("schema.toml"), REGISTRY).unwrap();
    let out = run(gb_enums(dir.path()).args([
        "audit",
        "--database-url",
        "postgres://nobody:secret@127.0.0.1:1/x",
    ]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .starts_with("error: cannot connect to `postgres://nobody:***@127.0.0.1:1/x`"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("secret"));
    let out = run(gb_enums(dir.path())
        .args(["audit"])
        .env_remove("DATABASE_URL"));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("set `DATABASE_URL`"), "{}", out.stderr);
}
