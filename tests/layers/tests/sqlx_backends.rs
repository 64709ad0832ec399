//! The sqlx mappings on real databases: PostgreSQL, SQLite and MariaDB/MySQL.
//!
//! The same tests run on each backend (`backend_tests!` at the end instantiates them): every
//! value of every enum of the shipped `schema.toml` is bound and read back in `SMALLINT`,
//! nullable `SMALLINT`, `INTEGER` and nullable `INTEGER` columns, through `query_as` tuples and
//! `FromRow` structs, and the numbers stored are the registry's; a number the registry does not
//! know, inserted with plain SQL, reads as an error naming the enum and the number (closed
//! enum) or as `Unknown(v)` that an update writes back unchanged (open enum); filters with
//! `.bind(TaskStatus::Running)` return exactly the rows of the same SQL with the numbers.
//!
//! PostgreSQL and MariaDB come from `DATABASE_URL` and `MYSQL_DATABASE_URL` (defaults: the
//! local test databases); each test works in a schema (PostgreSQL) or database (MariaDB) of its
//! own. Outside CI an unreachable database skips a test with a message; with `CI=true` it fails.

use std::error::Error;
use std::fmt::Display;

use gb_enums::{GbEnum, OutOfRange, UnknownValue};
use sqlx::{Connection, Executor, Row};

/// The shipped registry, generated.
mod shipped {
    gb_enums::registry!("../../schema.toml");
}

/// Open and `serde = "value"` enums, generated.
mod jobs {
    gb_enums::registry!("../registries/open.toml");
}

/// Entries written by hand and checked by the derive: a closed enum without `#[repr(i16)]`
/// and an open one.
mod derived {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, gb_enums::GbEnum)]
    #[gb_enum(registry = "../../schema.toml")]
    pub enum ExecutionMode {
        Manual,
        Supervised,
        Autonomous,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, gb_enums::GbEnum)]
    #[gb_enum(registry = "../registries/open.toml")]
    pub enum JobState {
        Queued,
        Running,
        Done,
        #[gb_enum(other)]
        Unknown(i16),
    }
}

use jobs::JobState;
use shipped::*;

/// The same on every backend: no autoincrement, no dialect-specific types.
const DDL: [&str; 3] = [
    "CREATE TABLE enum_values (id INTEGER PRIMARY KEY, small SMALLINT NOT NULL, nullable SMALLINT NULL, \
     wide INTEGER NOT NULL, wide_nullable INTEGER NULL)",
    "CREATE TABLE auto_tasks (id INTEGER PRIMARY KEY, title TEXT NOT NULL, status SMALLINT NOT NULL, \
     priority SMALLINT NOT NULL, execution_mode SMALLINT NOT NULL, risk SMALLINT NULL, channel INTEGER NOT NULL)",
    "CREATE TABLE job_runs (id INTEGER PRIMARY KEY, state SMALLINT NOT NULL, previous SMALLINT NULL, \
     legacy_state INTEGER NOT NULL)",
];

#[derive(sqlx::FromRow, Debug, PartialEq, Clone)]
struct Task {
    id: i32,
    title: String,
    status: TaskStatus,
    priority: TaskPriority,
    execution_mode: derived::ExecutionMode,
    risk: Option<RiskLevel>,
    channel: ChannelType,
}

#[derive(sqlx::FromRow, Debug, PartialEq)]
struct JobRun {
    state: JobState,
    previous: Option<JobState>,
    legacy_state: JobState,
}

// ---------------------------------------------------------------------------------------
// Connections.

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Skips the test outside CI, with the reason; fails it in CI.
fn unreachable_db<T>(what: &str, url: &str, err: impl Display) -> Option<T> {
    if in_ci() {
        panic!("{what} at {url} is unreachable: {err} (CI=true: database tests never skip)");
    }
    eprintln!("skipping: {what} at {url} is unreachable: {err}");
    None
}

async fn setup<C>(mut conn: C) -> C
where
    C: Connection,
    for<'c> &'c mut C: Executor<'c>,
{
    for sql in DDL {
        (&mut conn)
            .execute(sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    conn
}

/// A connection whose `search_path` is a fresh schema named for the test.
async fn postgres(test: &str) -> Option<sqlx::PgConnection> {
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut conn = match sqlx::PgConnection::connect(&url).await {
        Ok(conn) => conn,
        Err(err) => return unreachable_db("PostgreSQL", &url, err),
    };
    let schema = format!("gb_enums_sqlx_{test}");
    conn.execute(sql(&format!(
        "SET client_min_messages TO warning; DROP SCHEMA IF EXISTS {schema} CASCADE; \
             CREATE SCHEMA {schema}; SET search_path TO {schema}"
    )))
    .await
    .expect("creates the test's schema");
    Some(setup(conn).await)
}

/// A connection to a fresh database named for the test.
async fn mysql(test: &str) -> Option<sqlx::MySqlConnection> {
    let url = std::env::var("MYSQL_DATABASE_URL")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".into());
    let mut conn = match sqlx::MySqlConnection::connect(&url).await {
        Ok(conn) => conn,
        Err(err) => return unreachable_db("MariaDB/MySQL", &url, err),
    };
    let database = format!("gb_enums_sqlx_{test}");
    for statement in [
        format!("DROP DATABASE IF EXISTS {database}"),
        format!("CREATE DATABASE {database}"),
        format!("USE {database}"),
    ] {
        conn.execute(sql(&statement))
            .await
            .unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
    Some(setup(conn).await)
}

async fn sqlite(_test: &str) -> Option<sqlx::SqliteConnection> {
    let conn = sqlx::SqliteConnection::connect("sqlite::memory:")
        .await
        .expect("opens SQLite in memory");
    Some(setup(conn).await)
}

/// A query built at run time (sqlx 0.9 takes only `&'static str` without this assertion).
fn sql(text: &str) -> sqlx::AssertSqlSafe<&str> {
    sqlx::AssertSqlSafe(text)
}

/// `$1, $2` placeholders as PostgreSQL writes them, or `?` for the others.
fn placeholders(sql: &str, dollar: bool) -> String {
    if dollar {
        return sql.to_owned();
    }
    let mut out = String::new();
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) {
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
            out.push('?');
        } else {
            out.push(c);
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Helpers shared by the backends.

/// Every error of `err`'s source chain, as displayed.
fn chain(err: &(dyn Error + 'static)) -> Vec<String> {
    let mut out = vec![err.to_string()];
    let mut cause = err.source();
    while let Some(e) = cause {
        out.push(e.to_string());
        cause = e.source();
    }
    out
}

/// Asserts that reading failed with an error whose chain says `message` and holds the typed
/// error `expected`.
fn assert_read_error<T: Error + PartialEq + 'static>(err: sqlx::Error, message: &str, expected: T) {
    let messages = chain(&err);
    assert!(
        messages.iter().any(|m| m == message),
        "`{message}` is not in the error chain {messages:?}"
    );
    assert!(
        matches!(err, sqlx::Error::ColumnDecode { .. }),
        "a column decoding error: {err:?}"
    );
    let mut found = None;
    let mut cause: Option<&(dyn Error + 'static)> = Some(&err);
    while let Some(e) = cause {
        found = found.or_else(|| e.downcast_ref::<T>());
        cause = e.source();
    }
    assert_eq!(found, Some(&expected), "the typed error in {messages:?}");
}

/// The registry's keys, in file order, as the test's oracle for "every enum".
fn shipped_keys_and_sizes() -> Vec<(String, usize)> {
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = gb_enums_codegen::load_file(&base.join("../../schema.toml"), base);
    let registry = loaded.registry.expect("the shipped registry parses");
    registry
        .enums
        .iter()
        .map(|e| (e.key.value.clone(), e.variants.len()))
        .collect()
}

/// `$m!(Type, args...)` for each enum of the shipped registry, in its order.
macro_rules! for_each_shipped_enum {
    ($m:ident, $($args:tt)*) => {
        vec![
            $m!(ChannelType, $($args)*),
            $m!(MessageRole, $($args)*),
            $m!(MessageType, $($args)*),
            $m!(LlmProvider, $($args)*),
            $m!(TaskStatus, $($args)*),
            $m!(TaskPriority, $($args)*),
            $m!(ExecutionMode, $($args)*),
            $m!(RiskLevel, $($args)*),
            $m!(ApprovalStatus, $($args)*),
            $m!(IntentType, $($args)*),
            $m!(MemoryType, $($args)*),
            $m!(SyncStatus, $($args)*),
        ]
    };
}

/// Binds every value of `$ty` into each kind of column (by value, by reference and as
/// `Option`), reads it back as the enum and as plain numbers, and returns
/// `(KEY, variants checked)`.
macro_rules! round_trip {
    ($ty:ident, $conn:expr, $dollar:expr) => {{
        let conn = &mut *$conn;
        conn.execute("DELETE FROM enum_values").await.unwrap();
        let all: &[$ty] = <$ty as GbEnum>::ALL;
        let insert = placeholders(
            "INSERT INTO enum_values (id, small, nullable, wide, wide_nullable) VALUES ($1, $2, $3, $4, $5)",
            $dollar,
        );
        for (i, e) in all.iter().enumerate() {
            sqlx::query(sql(&insert))
                .bind(i as i32)
                .bind(*e)
                .bind(Some(*e))
                .bind(e)
                .bind(Some(e))
                .execute(&mut *conn)
                .await
                .unwrap();
        }
        // NULLs in the nullable columns.
        let none: Option<$ty> = None;
        sqlx::query(sql(&insert))
            .bind(all.len() as i32)
            .bind(all[0])
            .bind(none)
            .bind(all[0])
            .bind(none)
            .execute(&mut *conn)
            .await
            .unwrap();

        let mut expected: Vec<($ty, Option<$ty>, $ty, Option<$ty>)> =
            all.iter().map(|e| (*e, Some(*e), *e, Some(*e))).collect();
        expected.push((all[0], None, all[0], None));
        let loaded: Vec<($ty, Option<$ty>, $ty, Option<$ty>)> =
            sqlx::query_as("SELECT small, nullable, wide, wide_nullable FROM enum_values ORDER BY id")
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        assert_eq!(loaded, expected, "{}", <$ty as GbEnum>::KEY);

        // The numbers in the database are the registry's, read as sqlx reads integers.
        let numbers: Vec<(i16, Option<i16>, i32, Option<i32>)> =
            sqlx::query_as("SELECT small, nullable, wide, wide_nullable FROM enum_values ORDER BY id")
                .fetch_all(&mut *conn)
                .await
                .unwrap();
        let expected_numbers: Vec<(i16, Option<i16>, i32, Option<i32>)> = expected
            .iter()
            .map(|(a, b, c, d)| {
                (a.value(), b.map(|e| e.value()), i32::from(c.value()), d.map(|e| i32::from(e.value())))
            })
            .collect();
        assert_eq!(numbers, expected_numbers, "{}", <$ty as GbEnum>::KEY);
        (<$ty as GbEnum>::KEY.to_owned(), all.len())
    }};
}

/// Ids of `auto_tasks` for `WHERE $where` with the enum values bound, and for `$raw` with the
/// numbers written out; they must be the same, neither empty nor everything.
macro_rules! assert_same_rows {
    ($conn:expr, $dollar:expr, $where:expr, [$($bind:expr),*], $raw:expr) => {{
        let conn = &mut *$conn;
        let query_text = placeholders(&format!("SELECT id FROM auto_tasks WHERE {} ORDER BY id", $where), $dollar);
        let typed: Vec<i32> = sqlx::query_scalar(sql(&query_text))
            $(.bind($bind))*
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        let raw: Vec<i32> = sqlx::query_scalar(sql(&format!("SELECT id FROM auto_tasks WHERE {} ORDER BY id", $raw)))
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        assert_eq!(typed, raw, "{}", $raw);
        assert!(!typed.is_empty() && typed.len() < TASKS as usize, "{}: {} rows", $raw, typed.len());
        typed
    }};
}

const TASKS: i32 = 240;

/// A deterministic mix covering every value of every column.
fn sample_tasks() -> Vec<Task> {
    (0..TASKS)
        .map(|i| {
            let n = i as usize;
            Task {
                id: i,
                title: format!("task {i}"),
                status: TaskStatus::ALL[n % TaskStatus::COUNT],
                priority: TaskPriority::ALL[(n / TaskStatus::COUNT) % TaskPriority::COUNT],
                execution_mode: derived::ExecutionMode::ALL[n % ExecutionMode::COUNT],
                risk: (n % 7 != 0).then(|| RiskLevel::ALL[n % RiskLevel::COUNT]),
                channel: ChannelType::ALL[(n * 3) % ChannelType::COUNT],
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The tests, once per backend.

macro_rules! backend_tests {
    ($backend:ident, $conn_ty:ty, dollar = $dollar:expr, sqlite = $sqlite:expr) => {
        mod $backend {
            use super::*;

            #[tokio::test]
            async fn every_value_of_every_shipped_enum_round_trips() {
                let Some(mut conn) = $backend(concat!(stringify!($backend), "_round_trip")).await else { return };
                let checked = for_each_shipped_enum!(round_trip, &mut conn, $dollar);
                assert_eq!(checked, shipped_keys_and_sizes(), "every enum of schema.toml, every variant");
                let derived = round_trip!(DerivedExecutionMode, &mut conn, $dollar);
                assert_eq!(derived, ("execution_mode".to_owned(), 3));
            }

            #[tokio::test]
            async fn unknown_values_of_closed_enums_are_errors_naming_enum_and_value() {
                let Some(mut conn) = $backend(concat!(stringify!($backend), "_unknown")).await else { return };
                let conn = &mut conn;
                conn.execute(
                    "INSERT INTO enum_values (id, small, nullable, wide, wide_nullable) VALUES (1, 9, 8, 70000, -3)",
                )
                .await
                .unwrap();
                let select = |column: &str| format!("SELECT {column} FROM enum_values WHERE id = 1");

                let err = sqlx::query_scalar::<_, TaskStatus>(sql(&select("small"))).fetch_one(&mut *conn).await.unwrap_err();
                assert_read_error(err, "unknown task_status value 9", TaskStatus::from_value(9).unwrap_err());
                let err = sqlx::query_scalar::<_, Option<TaskStatus>>(sql(&select("nullable"))).fetch_one(&mut *conn).await.unwrap_err();
                assert_read_error(err, "unknown task_status value 8", UnknownValue::<TaskStatus>::new(8));
                let err = sqlx::query_scalar::<_, Option<RiskLevel>>(sql(&select("wide_nullable"))).fetch_one(&mut *conn).await.unwrap_err();
                assert_read_error(err, "unknown risk_level value -3", RiskLevel::from_value(-3).unwrap_err());
                let err = sqlx::query_scalar::<_, TaskStatus>(sql(&select("wide"))).fetch_one(&mut *conn).await.unwrap_err();
                assert_read_error(
                    err,
                    "unknown task_status value 70000 (outside the SMALLINT range)",
                    OutOfRange::new("task_status", 70000),
                );
                // In a `FromRow` struct with other columns: the whole row fails, naming the value.
                #[derive(sqlx::FromRow, Debug)]
                #[allow(dead_code)]
                struct Row1 {
                    id: i32,
                    small: derived::ExecutionMode,
                }
                let err = sqlx::query_as::<_, Row1>(sql(&select("id, small"))).fetch_one(&mut *conn).await.unwrap_err();
                assert_read_error(err, "unknown execution_mode value 9", derived::ExecutionMode::from_value(9).unwrap_err());
                // Through `Row::try_get`, the column is named too.
                let row = conn.fetch_one(sql(&select("small"))).await.unwrap();
                let err = row.try_get::<TaskStatus, _>("small").unwrap_err();
                assert!(err.to_string().contains("small") && err.to_string().contains("unknown task_status value 9"), "{err}");
                // The values the registry knows in the same table still read.
                let ok: MessageRole = sqlx::query_scalar(sql(&select("small"))).fetch_one(&mut *conn).await.unwrap();
                assert_eq!(ok, MessageRole::Episodic);

                if $sqlite {
                    // SQLite keeps whatever it is given: a legacy string, a real, a number beyond
                    // SMALLINT. None may turn into some other variant, even read unchecked (as
                    // `query!` reads), where sqlx would read the text as 0.
                    conn.execute(
                        "INSERT INTO enum_values (id, small, nullable, wide, wide_nullable) \
                         VALUES (2, 'running', 1.5, 70001, 65541)",
                    )
                    .await
                    .unwrap();
                    let row = conn.fetch_one("SELECT small, nullable, wide_nullable FROM enum_values WHERE id = 2").await.unwrap();
                    let err = row.try_get_unchecked::<TaskStatus, _>("small").unwrap_err();
                    assert!(chain(&err).iter().any(|m| m == "unknown task_status value of SQL type TEXT (not an integer)"), "{:?}", chain(&err));
                    let err = row.try_get_unchecked::<Option<TaskStatus>, _>("nullable").unwrap_err();
                    assert!(chain(&err).iter().any(|m| m == "unknown task_status value of SQL type REAL (not an integer)"), "{:?}", chain(&err));
                    // Checked reads say the same through sqlx's own type check.
                    let err = row.try_get::<TaskStatus, _>("small").unwrap_err();
                    assert!(err.to_string().contains("TEXT"), "{err}");
                    // 65541 is 5 (completed) modulo 2^16: it must not read as completed.
                    let err = row.try_get::<Option<TaskStatus>, _>("wide_nullable").unwrap_err();
                    assert_read_error(
                        err,
                        "unknown task_status value 65541 (outside the SMALLINT range)",
                        OutOfRange::new("task_status", 65541),
                    );
                }
            }

            #[tokio::test]
            async fn open_enums_keep_unknown_values_across_an_update() {
                let Some(mut conn) = $backend(concat!(stringify!($backend), "_open")).await else { return };
                let conn = &mut conn;
                conn.execute(
                    "INSERT INTO job_runs (id, state, previous, legacy_state) VALUES (1, 7, -12, 300), (2, 1, NULL, 2)",
                )
                .await
                .unwrap();
                let read = placeholders("SELECT state, previous, legacy_state FROM job_runs WHERE id = $1", $dollar);

                let unknown: JobRun = sqlx::query_as(sql(&read)).bind(1).fetch_one(&mut *conn).await.unwrap();
                assert_eq!(
                    unknown,
                    JobRun { state: JobState::Unknown(7), previous: Some(JobState::Unknown(-12)), legacy_state: JobState::Unknown(300) }
                );
                assert!(!unknown.state.is_known());
                let known: JobRun = sqlx::query_as(sql(&read)).bind(2).fetch_one(&mut *conn).await.unwrap();
                assert_eq!(known, JobRun { state: JobState::Running, previous: None, legacy_state: JobState::Done });
                // The derive's catch-all reads the same.
                let derived: (derived::JobState, Option<derived::JobState>) =
                    sqlx::query_as(sql(&placeholders("SELECT state, previous FROM job_runs WHERE id = $1", $dollar)))
                        .bind(1)
                        .fetch_one(&mut *conn)
                        .await
                        .unwrap();
                assert_eq!(derived, (derived::JobState::Unknown(7), Some(derived::JobState::Unknown(-12))));

                // Filters find unknown values too.
                let ids: Vec<i32> = sqlx::query_scalar(sql(&placeholders("SELECT id FROM job_runs WHERE state = $1", $dollar)))
                    .bind(JobState::Unknown(7))
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap();
                assert_eq!(ids, [1]);

                // An update that writes back what it read (a newer build's value it does not
                // know) stores the same numbers; NULL stays NULL.
                let update = placeholders("UPDATE job_runs SET state = $1, previous = $2, legacy_state = $3 WHERE id = $4", $dollar);
                for (id, run) in [(1, &unknown), (2, &known)] {
                    sqlx::query(sql(&update))
                        .bind(run.state)
                        .bind(run.previous)
                        .bind(run.legacy_state)
                        .bind(id)
                        .execute(&mut *conn)
                        .await
                        .unwrap();
                }
                sqlx::query(sql(&placeholders("UPDATE job_runs SET legacy_state = $1 WHERE id = 2", $dollar)))
                    .bind(derived::JobState::Unknown(-1))
                    .execute(&mut *conn)
                    .await
                    .unwrap();
                let numbers: Vec<(i32, i16, Option<i16>, i32)> =
                    sqlx::query_as("SELECT id, state, previous, legacy_state FROM job_runs ORDER BY id")
                        .fetch_all(&mut *conn)
                        .await
                        .unwrap();
                assert_eq!(numbers, [(1, 7, Some(-12), 300), (2, 1, None, -1)]);
                let again: JobRun = sqlx::query_as(sql(&read)).bind(1).fetch_one(&mut *conn).await.unwrap();
                assert_eq!(again, unknown);
            }

            #[tokio::test]
            async fn bound_filters_return_the_rows_of_plain_sql_with_numbers() {
                let Some(mut conn) = $backend(concat!(stringify!($backend), "_filters")).await else { return };
                let conn = &mut conn;
                let tasks = sample_tasks();
                let insert = placeholders(
                    "INSERT INTO auto_tasks (id, title, status, priority, execution_mode, risk, channel) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    $dollar,
                );
                for t in &tasks {
                    sqlx::query(sql(&insert))
                        .bind(t.id)
                        .bind(&t.title)
                        .bind(t.status)
                        .bind(&t.priority)
                        .bind(t.execution_mode)
                        .bind(t.risk)
                        .bind(t.channel)
                        .execute(&mut *conn)
                        .await
                        .unwrap();
                }
                let loaded: Vec<Task> = sqlx::query_as("SELECT * FROM auto_tasks ORDER BY id").fetch_all(&mut *conn).await.unwrap();
                assert_eq!(loaded, tasks);

                // The numbers are written out, as a person reading the reference would.
                assert_same_rows!(conn, $dollar, "status = $1", [TaskStatus::Running], "status = 2");
                assert_same_rows!(conn, $dollar, "status <> $1", [TaskStatus::Running], "status <> 2");
                let active = assert_same_rows!(conn, $dollar, "status < $1", [TaskStatus::Completed], "status < 5");
                assert_eq!(active.len(), tasks.iter().filter(|t| t.status < TaskStatus::Completed).count());
                assert_same_rows!(conn, $dollar, "status <= $1", [&TaskStatus::WaitingApproval], "status <= 4");
                assert_same_rows!(
                    conn, $dollar,
                    "status IN ($1, $2, $3)",
                    [TaskStatus::Paused, TaskStatus::Failed, TaskStatus::Cancelled],
                    "status IN (3, 6, 7)"
                );
                assert_same_rows!(conn, $dollar, "status BETWEEN $1 AND $2", [TaskStatus::Ready, TaskStatus::Paused], "status BETWEEN 1 AND 3");
                assert_same_rows!(
                    conn, $dollar,
                    "priority >= $1 AND status < $2",
                    [TaskPriority::High, TaskStatus::Completed],
                    "priority >= 2 AND status < 5"
                );
                assert_same_rows!(conn, $dollar, "execution_mode = $1", [DerivedExecutionMode::Manual], "execution_mode = 0");
                assert_same_rows!(conn, $dollar, "risk = $1", [RiskLevel::High], "risk = 3");
                assert_same_rows!(conn, $dollar, "risk = $1", [Some(RiskLevel::None)], "risk = 0");
                assert_same_rows!(conn, $dollar, "risk >= $1", [RiskLevel::Medium], "risk >= 2");
                // INTEGER columns compare with the bound SMALLINT.
                assert_same_rows!(conn, $dollar, "channel = $1", [ChannelType::Slack], "channel = 4");
                assert_same_rows!(conn, $dollar, "channel < $1", [&ChannelType::Sms], "channel < 6");
                // A NULL bind matches nothing, as in SQL.
                let none: Vec<i32> = sqlx::query_scalar(sql(&placeholders("SELECT id FROM auto_tasks WHERE risk = $1", $dollar)))
                    .bind(None::<RiskLevel>)
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap();
                assert!(none.is_empty());

                // ORDER BY sorts by the stored number, which is the enum's order.
                let typed: Vec<(i32, TaskStatus, TaskPriority)> =
                    sqlx::query_as("SELECT id, status, priority FROM auto_tasks ORDER BY status DESC, priority, id")
                        .fetch_all(&mut *conn)
                        .await
                        .unwrap();
                let key = |r: &(i32, TaskStatus, TaskPriority)| (std::cmp::Reverse(r.1), r.2, r.0);
                assert!(typed.windows(2).all(|w| key(&w[0]) < key(&w[1])));
                assert_eq!(typed.len(), TASKS as usize);

                // Updates.
                let paused = assert_same_rows!(conn, $dollar, "status = $1", [TaskStatus::Paused], "status = 3");
                let n = sqlx::query(sql(&placeholders("UPDATE auto_tasks SET status = $1 WHERE status = $2", $dollar)))
                    .bind(TaskStatus::Running)
                    .bind(TaskStatus::Paused)
                    .execute(&mut *conn)
                    .await
                    .unwrap()
                    .rows_affected();
                assert_eq!(n as usize, paused.len());
                let row: (i16, Option<i16>) = sqlx::query_as(sql(&format!("SELECT status, risk FROM auto_tasks WHERE id = {}", paused[0])))
                    .fetch_one(&mut *conn)
                    .await
                    .unwrap();
                assert_eq!(row.0, 2);
            }
        }
    };
}

/// The derive's `ExecutionMode`, by a name that `round_trip!` can take.
type DerivedExecutionMode = derived::ExecutionMode;

backend_tests!(postgres, sqlx::PgConnection, dollar = true, sqlite = false);
backend_tests!(
    sqlite,
    sqlx::SqliteConnection,
    dollar = false,
    sqlite = true
);
backend_tests!(mysql, sqlx::MySqlConnection, dollar = false, sqlite = false);

/// PostgreSQL only: slices bind as `SMALLINT[]`, and arrays read back.
#[tokio::test]
async fn postgres_arrays_bind_and_read() {
    let Some(mut conn) = postgres("arrays").await else {
        return;
    };
    for i in 0..8i16 {
        sqlx::query("INSERT INTO enum_values (id, small, wide) VALUES ($1, $2, $2)")
            .bind(i32::from(i))
            .bind(i)
            .execute(&mut conn)
            .await
            .unwrap();
    }
    let wanted = [TaskStatus::Paused, TaskStatus::Failed];
    let ids: Vec<i32> =
        sqlx::query_scalar("SELECT id FROM enum_values WHERE small = ANY($1) ORDER BY id")
            .bind(&wanted[..])
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert_eq!(ids, [3, 6]);
    let ids: Vec<i32> =
        sqlx::query_scalar("SELECT id FROM enum_values WHERE wide = ANY($1) ORDER BY id")
            .bind(wanted.to_vec())
            .fetch_all(&mut conn)
            .await
            .unwrap();
    assert_eq!(ids, [3, 6]);
    let all: Vec<TaskStatus> =
        sqlx::query_scalar("SELECT array_agg(small ORDER BY id) FROM enum_values")
            .fetch_one(&mut conn)
            .await
            .unwrap();
    assert_eq!(all, TaskStatus::ALL);
    let err = sqlx::query_scalar::<_, Vec<TaskStatus>>("SELECT ARRAY[1, 9]::int2[]")
        .fetch_one(&mut conn)
        .await
        .unwrap_err();
    assert!(
        chain(&err)
            .iter()
            .any(|m| m.contains("unknown task_status value 9")),
        "{:?}",
        chain(&err)
    );
}
