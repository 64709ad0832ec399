//! Runs the example binary on SQLite and on PostgreSQL and checks its report: the counts add
//! up, the active count matches the counts of the statuses before `completed`, the lifecycle
//! stores the registry's numbers, both backends print the same report, and that report is
//! the committed `tests/expected-report.txt` (`UPDATE_SNAPSHOTS=1` rewrites it).

use std::path::{Path, PathBuf};
use std::process::Command;

gb_enums::registry!();

const TASKS: usize = 3000;

/// The example's output, from a run that must succeed.
fn run_example(args: &[&str], database_url: Option<&str>) -> String {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gb-enums-example"));
    command.args(args).env_remove("DATABASE_URL");
    if let Some(url) = database_url {
        command.env("DATABASE_URL", url);
    }
    let output = command.output().expect("the example binary runs");
    let stdout = String::from_utf8(output.stdout).expect("UTF-8 output");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "the example failed ({}):\n{stderr}\n{stdout}",
        output.status
    );
    assert!(stderr.is_empty(), "the example wrote to stderr:\n{stderr}");
    stdout
}

/// The report without the lines that name the backend (its version, its SQL quoting).
fn portable(report: &str) -> String {
    report
        .lines()
        .filter(|l| !l.starts_with("database: ") && !l.starts_with("sql: "))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// The rows of the table that follows the line `title`, as whitespace-separated cells.
fn table_after<'a>(report: &'a str, title: &str) -> Vec<Vec<&'a str>> {
    let mut lines = report.lines().skip_while(|l| !l.starts_with(title)).skip(1);
    // A header, a rule of dashes, then rows up to the blank line.
    lines.next().expect("a header");
    assert!(lines.next().expect("a rule").starts_with('-'));
    lines
        .take_while(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect())
        .collect()
}

fn number(cell: &str) -> i64 {
    cell.parse()
        .unwrap_or_else(|_| panic!("`{cell}` is a number"))
}

/// Checks what the report says against itself and against the registry; returns the count of
/// each status.
fn check_report(report: &str) -> Vec<(TaskStatus, i64)> {
    assert!(
        report.contains(&format!("inserted {TASKS} tasks\n")),
        "{report}"
    );

    let rows = table_after(report, "Tasks per status");
    assert_eq!(
        rows.len(),
        TaskStatus::COUNT + 1,
        "one row per status and a total"
    );
    let mut counts = Vec::new();
    for (row, status) in rows.iter().zip(TaskStatus::ALL) {
        assert_eq!(number(row[0]), i64::from(status.value()));
        assert_eq!(row[1], status.name());
        assert_eq!(row[3..].join(" "), status.description());
        let n = number(row[2]);
        assert!(n > 0, "every status occurs: {status} has {n}");
        counts.push((*status, n));
    }
    let total: i64 = counts.iter().map(|(_, n)| n).sum();
    assert_eq!(rows[TaskStatus::COUNT], ["total", &total.to_string()]);
    assert_eq!(total, TASKS as i64);

    let active: i64 = counts
        .iter()
        .filter(|(s, _)| *s < TaskStatus::Completed)
        .map(|(_, n)| n)
        .sum();
    assert!(
        report.contains(&format!("Active tasks (status < completed): {active}, ")),
        "the active count is the sum of the statuses before completed ({active}):\n{report}"
    );

    let listed = table_after(report, "The most urgent of them");
    assert_eq!(listed.len(), 8);
    for row in &listed {
        let cells = row.len();
        let status: TaskStatus = row[cells - 3].parse().expect("a status name");
        let priority: TaskPriority = row[cells - 2].parse().expect("a priority name");
        let _: ExecutionMode = row[cells - 1].parse().expect("an execution mode name");
        assert!(
            status < TaskStatus::Completed && status != TaskStatus::Paused,
            "{status}"
        );
        assert!(priority >= TaskPriority::High, "{priority}");
    }

    let steps = table_after(report, "Lifecycle of task");
    let expected = [
        (TaskStatus::Pending, "-"),
        (TaskStatus::Ready, "-"),
        (TaskStatus::Running, "-"),
        (TaskStatus::WaitingApproval, "pending"),
        (TaskStatus::Running, "approved"),
        (TaskStatus::Completed, "approved"),
    ];
    assert_eq!(steps.len(), expected.len());
    for (i, (row, (status, approval))) in steps.iter().zip(expected).enumerate() {
        let stored = status.value().to_string();
        assert_eq!(
            *row,
            [&(i + 1).to_string(), status.name(), &stored, approval]
        );
    }
    counts
}

/// Compares with the committed report, or rewrites it with `UPDATE_SNAPSHOTS=1`.
fn check_snapshot(report: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected-report.txt");
    let actual = portable(report);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        std::fs::write(&path, &actual).expect("writes the snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "the report differs from {} (UPDATE_SNAPSHOTS=1 rewrites it):\n{actual}",
        path.display()
    );
}

fn temp_file(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    path
}

#[test]
fn sqlite_in_memory_report() {
    let report = run_example(&["--tasks", &TASKS.to_string()], None);
    assert!(report.starts_with("database: SQLite 3."), "{report}");
    assert!(
        report.contains("`auto_tasks`.`status` < ?) -- binds: [5]"),
        "{report}"
    );
    check_report(&report);
    check_snapshot(&report);
}

#[test]
fn sqlite_file_runs_twice_with_the_same_report() {
    // The second run drops the two tables and applies the lookup tables' SQL again over the
    // ones the first run left.
    let path = temp_file("gb-enums-example-twice.sqlite");
    let url = path.to_str().expect("a UTF-8 path");
    let first = run_example(&["--tasks", &TASKS.to_string()], Some(url));
    let second = run_example(
        &["--tasks", &TASKS.to_string(), "--database-url", url],
        None,
    );
    assert_eq!(first, second);
    check_report(&second);
    let _ = std::fs::remove_file(&path);
}

#[test]
fn bad_arguments_exit_2_with_usage() {
    let output = Command::new(env!("CARGO_BIN_EXE_gb-enums-example"))
        .args(["--tasks", "many"])
        .env_remove("DATABASE_URL")
        .output()
        .expect("the example binary runs");
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.starts_with("error: `--tasks` takes a number, not `many`\n"),
        "{stderr}"
    );
    assert!(stderr.contains("usage: gb-enums-example"), "{stderr}");
}

/// `DATABASE_URL`, or the default test database.
#[cfg(feature = "postgres")]
fn postgres_url() -> String {
    std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// With `CI=true` a test never skips: a missing database or feature fails it.
fn skip_or_fail(reason: &str) {
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{reason} (CI=true: this test must run)");
    }
    eprintln!("skipping: {reason}");
}

#[cfg(not(feature = "postgres"))]
#[test]
fn postgres_report() {
    skip_or_fail(
        "built without the `postgres` feature; `cargo test --all-features` runs this test",
    );
}

#[cfg(feature = "postgres")]
#[test]
fn postgres_report() {
    use diesel::prelude::*;
    use diesel::sql_types::{BigInt, SmallInt};

    #[derive(QueryableByName)]
    struct Count {
        #[diesel(sql_type = SmallInt)]
        status: i16,
        #[diesel(sql_type = BigInt)]
        n: i64,
    }

    const SCHEMA: &str = "gb_enums_example_report_test";
    let url = postgres_url();
    let mut conn = match PgConnection::establish(&url) {
        Ok(conn) => conn,
        Err(err) => return skip_or_fail(&format!("PostgreSQL at {url} is unreachable: {err}")),
    };

    let report = run_example(
        &["--tasks", &TASKS.to_string(), "--schema", SCHEMA],
        Some(&url),
    );
    assert!(
        report.starts_with(&format!("database: PostgreSQL, schema {SCHEMA}\n")),
        "{report}"
    );
    assert!(
        report.contains(r#""auto_tasks"."status" < $1) -- binds: [5]"#),
        "{report}"
    );
    let counts = check_report(&report);
    check_snapshot(&report);

    // The rows really are in the database, with the registry's numbers.
    let stored: Vec<Count> = diesel::sql_query(format!(
        "SELECT status, count(*) AS n FROM {SCHEMA}.auto_tasks GROUP BY status ORDER BY status"
    ))
    .load(&mut conn)
    .expect("counts the example's rows");
    let stored: Vec<(i16, i64)> = stored.into_iter().map(|c| (c.status, c.n)).collect();
    // The lifecycle moved one pending task to completed after the counts were printed.
    let expected: Vec<(i16, i64)> = counts
        .iter()
        .map(|&(s, n)| match s {
            TaskStatus::Pending => (s.value(), n - 1),
            TaskStatus::Completed => (s.value(), n + 1),
            _ => (s.value(), n),
        })
        .collect();
    assert_eq!(stored, expected);

    // A second run starts from a clean schema and prints the same report.
    let again = run_example(
        &["--tasks", &TASKS.to_string(), "--schema", SCHEMA],
        Some(&url),
    );
    assert_eq!(again, report);
    diesel::sql_query(format!("DROP SCHEMA {SCHEMA} CASCADE"))
        .execute(&mut conn)
        .expect("drops the schema");
}
