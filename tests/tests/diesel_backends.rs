//! The Diesel mappings on real databases: PostgreSQL, SQLite and MariaDB/MySQL.
//!
//! The same tests run on each backend (`backend_tests!` at the end instantiates them): every
//! value of every enum of the shipped `schema.toml` is written and read back through Diesel,
//! in `SMALLINT`, nullable `SMALLINT`, `INTEGER` and nullable `INTEGER` columns, and the
//! numbers stored are the registry's; a number the registry does not know, inserted with
//! plain SQL, reads as an error naming the enum and the number (closed enum) or as
//! `Unknown(v)` that an update writes back unchanged (open enum); typed filters return
//! exactly the rows of a plain SQL query with the numbers.
//!
//! PostgreSQL and MariaDB come from `DATABASE_URL` and `MYSQL_DATABASE_URL` (defaults: the
//! local test databases); each test works in a schema (PostgreSQL) or database (MariaDB) of
//! its own, so that tests running in parallel do not collide. Outside CI an unreachable
//! database skips a test with a message; with `CI=true` it fails the test.

use std::error::Error;
use std::fmt::Display;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::{Integer, Nullable, SmallInt};
use gb_enums::diesel::OutOfRange;
use gb_enums::{GbEnum, UnknownValue};

/// The shipped registry, generated.
mod shipped {
    gb_enums::registry!("../schema.toml");
}

/// Open and `serde = "value"` enums, generated.
mod jobs {
    gb_enums::registry!("registries/open.toml");
}

/// Entries written by hand and checked by the derive: a closed enum without `#[repr(i16)]`
/// and an open one.
mod derived {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, gb_enums::GbEnum)]
    #[gb_enum(registry = "../schema.toml")]
    pub enum ExecutionMode {
        Manual,
        Supervised,
        Autonomous,
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, gb_enums::GbEnum)]
    #[gb_enum(registry = "registries/open.toml")]
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

diesel::table! {
    enum_values (id) {
        id -> Integer,
        small -> SmallInt,
        nullable -> Nullable<SmallInt>,
        wide -> Integer,
        wide_nullable -> Nullable<Integer>,
    }
}

diesel::table! {
    auto_tasks (id) {
        id -> Integer,
        title -> Text,
        status -> SmallInt,
        priority -> SmallInt,
        execution_mode -> SmallInt,
        risk -> Nullable<SmallInt>,
        channel -> Integer,
    }
}

diesel::table! {
    job_runs (id) {
        id -> Integer,
        state -> SmallInt,
        previous -> Nullable<SmallInt>,
        legacy_state -> Integer,
    }
}

/// The same on every backend: no autoincrement, no dialect-specific types.
const DDL: [&str; 3] = [
    "CREATE TABLE enum_values (id INTEGER PRIMARY KEY, small SMALLINT NOT NULL, nullable SMALLINT NULL, \
     wide INTEGER NOT NULL, wide_nullable INTEGER NULL)",
    "CREATE TABLE auto_tasks (id INTEGER PRIMARY KEY, title TEXT NOT NULL, status SMALLINT NOT NULL, \
     priority SMALLINT NOT NULL, execution_mode SMALLINT NOT NULL, risk SMALLINT NULL, channel INTEGER NOT NULL)",
    "CREATE TABLE job_runs (id INTEGER PRIMARY KEY, state SMALLINT NOT NULL, previous SMALLINT NULL, \
     legacy_state INTEGER NOT NULL)",
];

#[derive(QueryableByName, Debug, PartialEq)]
struct Id {
    #[diesel(sql_type = Integer)]
    id: i32,
}

#[derive(Insertable, Queryable, Selectable, Debug, PartialEq, Clone)]
#[diesel(table_name = auto_tasks)]
struct Task {
    id: i32,
    title: String,
    status: TaskStatus,
    priority: TaskPriority,
    execution_mode: ExecutionMode,
    risk: Option<RiskLevel>,
    channel: ChannelType,
}

#[derive(AsChangeset, Default)]
#[diesel(table_name = auto_tasks)]
struct TaskChange {
    status: Option<TaskStatus>,
    priority: Option<TaskPriority>,
}

#[derive(Queryable, Selectable, AsChangeset, Debug, PartialEq)]
#[diesel(table_name = job_runs, treat_none_as_null = true)]
struct JobRun {
    state: JobState,
    previous: Option<JobState>,
    legacy_state: JobState,
}

// ---------------------------------------------------------------------------------------
// Connections.

/// A connection to a database of the test's own, dropped when the test ends.
struct TestDb<C: Connection> {
    conn: C,
    drop_sql: Option<String>,
}

impl<C: Connection> Drop for TestDb<C> {
    fn drop(&mut self) {
        if let Some(sql) = &self.drop_sql {
            let _ = self.conn.batch_execute(sql);
        }
    }
}

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

fn setup<C: Connection>(mut db: TestDb<C>) -> TestDb<C> {
    for sql in DDL {
        db.conn
            .batch_execute(sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    db
}

fn postgres(test: &str) -> Option<TestDb<PgConnection>> {
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut conn = match PgConnection::establish(&url) {
        Ok(conn) => conn,
        Err(err) => return unreachable_db("PostgreSQL", &url, err),
    };
    let schema = format!("gb_enums_diesel_{test}");
    conn.batch_execute(&format!(
        "SET client_min_messages TO warning; DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; \
         SET search_path TO {schema}"
    ))
    .expect("creates the test's schema");
    Some(setup(TestDb {
        conn,
        drop_sql: Some(format!("DROP SCHEMA {schema} CASCADE")),
    }))
}

fn mysql(test: &str) -> Option<TestDb<MysqlConnection>> {
    let url = std::env::var("MYSQL_DATABASE_URL")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".into());
    let mut conn = match MysqlConnection::establish(&url) {
        Ok(conn) => conn,
        Err(err) => return unreachable_db("MariaDB/MySQL", &url, err),
    };
    let database = format!("gb_enums_diesel_{test}");
    for sql in [
        format!("DROP DATABASE IF EXISTS {database}"),
        format!("CREATE DATABASE {database}"),
        format!("USE {database}"),
    ] {
        conn.batch_execute(&sql)
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    Some(setup(TestDb {
        conn,
        drop_sql: Some(format!("DROP DATABASE {database}")),
    }))
}

fn sqlite(_test: &str) -> Option<TestDb<SqliteConnection>> {
    let conn = SqliteConnection::establish(":memory:").expect("opens SQLite in memory");
    Some(setup(TestDb {
        conn,
        drop_sql: None,
    }))
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

/// Asserts that reading failed with an error whose chain says `message`, and that the error
/// is of type `T` (diesel keeps it either as the chain's last source or as its own payload).
fn assert_read_error<T: Error + PartialEq + 'static>(
    err: diesel::result::Error,
    message: &str,
    expected: T,
) {
    let messages = chain(&err);
    assert!(
        messages.iter().any(|m| m == message),
        "`{message}` is not in the error chain {messages:?}"
    );
    let mut found = None;
    let mut cause: Option<&(dyn Error + 'static)> = Some(&err);
    while let Some(e) = cause {
        found = found.or_else(|| e.downcast_ref::<T>());
        cause = e.source();
    }
    if let diesel::result::Error::DeserializationError(inner) = &err {
        found = found.or_else(|| inner.downcast_ref::<T>());
    }
    assert_eq!(found, Some(&expected), "the typed error in {messages:?}");
}

/// The registry's keys, in file order, as the test's oracle for "every enum".
fn shipped_keys_and_sizes() -> Vec<(String, usize)> {
    let base = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = gb_enums_codegen::load_file(&base.join("../schema.toml"), base);
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

/// Writes every value of `$ty` to each kind of column, half through the typed DSL and half
/// through `sql_query` binds of the enum itself (its `ToSql`), reads it back as the enum and
/// as plain numbers, and returns `(KEY, variants checked)`.
macro_rules! round_trip {
    ($ty:ident, $conn:expr, $placeholders:expr) => {{
        let conn = &mut *$conn;
        diesel::delete(enum_values::table).execute(conn).unwrap();
        let all: &[$ty] = <$ty as GbEnum>::ALL;
        for (i, e) in all.iter().enumerate() {
            let id = i as i32;
            if i % 2 == 0 {
                diesel::insert_into(enum_values::table)
                    .values((
                        enum_values::id.eq(id),
                        enum_values::small.eq(e),
                        enum_values::nullable.eq(Some(*e)),
                        enum_values::wide.eq(*e),
                        enum_values::wide_nullable.eq(e),
                    ))
                    .execute(conn)
                    .unwrap();
            } else {
                diesel::sql_query(format!(
                    "INSERT INTO enum_values (id, small, nullable, wide, wide_nullable) VALUES ({})",
                    $placeholders
                ))
                .bind::<Integer, _>(id)
                .bind::<SmallInt, _>(*e)
                .bind::<Nullable<SmallInt>, _>(Some(*e))
                .bind::<Integer, _>(e)
                .bind::<Nullable<Integer>, _>(*e)
                .execute(conn)
                .unwrap();
            }
        }
        // NULLs in the nullable columns.
        let none: Option<$ty> = None;
        diesel::insert_into(enum_values::table)
            .values((
                enum_values::id.eq(all.len() as i32),
                enum_values::small.eq(all[0]),
                enum_values::nullable.eq(none),
                enum_values::wide.eq(all[0]),
                enum_values::wide_nullable.eq(none),
            ))
            .execute(conn)
            .unwrap();

        let mut expected: Vec<($ty, Option<$ty>, $ty, Option<$ty>)> =
            all.iter().map(|e| (*e, Some(*e), *e, Some(*e))).collect();
        expected.push((all[0], None, all[0], None));
        let loaded: Vec<($ty, Option<$ty>, $ty, Option<$ty>)> = enum_values::table
            .order_by(enum_values::id)
            .select((enum_values::small, enum_values::nullable, enum_values::wide, enum_values::wide_nullable))
            .load(conn)
            .unwrap();
        assert_eq!(loaded, expected, "{}", <$ty as GbEnum>::KEY);

        // The numbers in the database are the registry's, read with diesel's own impls.
        let numbers: Vec<(i16, Option<i16>, i32, Option<i32>)> = enum_values::table
            .order_by(enum_values::id)
            .select((enum_values::small, enum_values::nullable, enum_values::wide, enum_values::wide_nullable))
            .load(conn)
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

/// Ids of `auto_tasks` matching a typed filter, and of the plain SQL `WHERE` clause.
macro_rules! assert_same_rows {
    ($conn:expr, $filter:expr, $sql:expr) => {{
        let conn = &mut *$conn;
        let typed: Vec<i32> = auto_tasks::table
            .filter($filter)
            .select(auto_tasks::id)
            .order_by(auto_tasks::id)
            .load(conn)
            .unwrap();
        let raw: Vec<i32> = diesel::sql_query(format!(
            "SELECT id FROM auto_tasks WHERE {} ORDER BY id",
            $sql
        ))
        .load::<Id>(conn)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
        assert_eq!(typed, raw, "{}", $sql);
        // A filter that matches nothing or everything would prove little.
        assert!(
            !typed.is_empty() && typed.len() < TASKS as usize,
            "{}: {} rows",
            $sql,
            typed.len()
        );
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
                execution_mode: ExecutionMode::ALL[n % ExecutionMode::COUNT],
                risk: (n % 7 != 0).then(|| RiskLevel::ALL[n % RiskLevel::COUNT]),
                channel: ChannelType::ALL[(n * 3) % ChannelType::COUNT],
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The tests, once per backend.

macro_rules! backend_tests {
    ($backend:ident, $connect:ident, $conn_ty:ty, placeholders = $placeholders:expr, sqlite = $sqlite:expr) => {
        mod $backend {
            use super::*;

            #[test]
            fn every_value_of_every_shipped_enum_round_trips() {
                let Some(mut db) = $connect(concat!(stringify!($backend), "_round_trip")) else { return };
                let checked = for_each_shipped_enum!(round_trip, &mut db.conn, $placeholders);
                assert_eq!(checked, shipped_keys_and_sizes(), "every enum of schema.toml, every variant");
                let derived = round_trip!(DerivedExecutionMode, &mut db.conn, $placeholders);
                assert_eq!(derived, ("execution_mode".to_owned(), 3));
            }

            #[test]
            fn unknown_values_of_closed_enums_are_errors_naming_enum_and_value() {
                let Some(mut db) = $connect(concat!(stringify!($backend), "_unknown")) else { return };
                let conn = &mut db.conn;
                diesel::sql_query(
                    "INSERT INTO enum_values (id, small, nullable, wide, wide_nullable) VALUES (1, 9, 8, 70000, -3)",
                )
                .execute(conn)
                .unwrap();

                let err = enum_values::table.select(enum_values::small).first::<TaskStatus>(conn).unwrap_err();
                assert_read_error(err, "unknown task_status value 9", TaskStatus::from_value(9).unwrap_err());
                let err = enum_values::table.select(enum_values::nullable).first::<Option<TaskStatus>>(conn).unwrap_err();
                assert_read_error(err, "unknown task_status value 8", UnknownValue::<TaskStatus>::new(8));
                let err = enum_values::table.select(enum_values::wide_nullable).first::<Option<RiskLevel>>(conn).unwrap_err();
                assert_read_error(err, "unknown risk_level value -3", RiskLevel::from_value(-3).unwrap_err());
                let err = enum_values::table.select(enum_values::wide).first::<TaskStatus>(conn).unwrap_err();
                assert_read_error(
                    err,
                    "unknown task_status value 70000 (outside the SMALLINT range)",
                    OutOfRange::new("task_status", 70000),
                );
                // In a struct, with other columns: the whole row fails, naming the value.
                let err = enum_values::table
                    .select((enum_values::id, enum_values::small))
                    .first::<(i32, derived::ExecutionMode)>(conn)
                    .unwrap_err();
                assert_read_error(
                    err,
                    "unknown execution_mode value 9",
                    derived::ExecutionMode::from_value(9).unwrap_err(),
                );
                // The values the registry knows in the same table still read.
                let ok: MessageRole = enum_values::table.select(enum_values::small).first(conn).unwrap();
                assert_eq!(ok, MessageRole::Episodic);

                if $sqlite {
                    // SQLite keeps whatever it is given: a legacy string, a number beyond
                    // SMALLINT. Neither may turn into some other variant.
                    diesel::sql_query(
                        "INSERT INTO enum_values (id, small, nullable, wide, wide_nullable) \
                         VALUES (2, 'running', 1.5, 70001, 65541)",
                    )
                    .execute(conn)
                    .unwrap();
                    let row = || enum_values::table.filter(enum_values::id.eq(2));
                    let err = row().select(enum_values::small).first::<TaskStatus>(conn).unwrap_err();
                    let messages = chain(&err);
                    assert!(
                        messages.iter().any(|m| m == "unknown task_status value `running` (stored as text, not an integer)"),
                        "{messages:?}"
                    );
                    let err = row().select(enum_values::nullable).first::<Option<TaskStatus>>(conn).unwrap_err();
                    let messages = chain(&err);
                    assert!(
                        messages.iter().any(|m| m == "unknown task_status value 1.5 (stored as a real number, not an integer)"),
                        "{messages:?}"
                    );
                    // 65541 is 5 (completed) modulo 2^16: it must not read as completed.
                    let err = row().select(enum_values::wide_nullable).first::<Option<TaskStatus>>(conn).unwrap_err();
                    assert_read_error(
                        err,
                        "unknown task_status value 65541 (outside the SMALLINT range)",
                        OutOfRange::new("task_status", 65541),
                    );
                }
            }

            #[test]
            fn open_enums_keep_unknown_values_across_an_update() {
                let Some(mut db) = $connect(concat!(stringify!($backend), "_open")) else { return };
                let conn = &mut db.conn;
                diesel::sql_query(
                    "INSERT INTO job_runs (id, state, previous, legacy_state) VALUES (1, 7, -12, 300), (2, 1, NULL, 2)",
                )
                .execute(conn)
                .unwrap();

                let read = |conn: &mut $conn_ty, id: i32| -> JobRun {
                    job_runs::table.find(id).select(JobRun::as_select()).first(conn).unwrap()
                };
                let unknown = read(conn, 1);
                assert_eq!(
                    unknown,
                    JobRun {
                        state: JobState::Unknown(7),
                        previous: Some(JobState::Unknown(-12)),
                        legacy_state: JobState::Unknown(300),
                    }
                );
                assert!(!unknown.state.is_known());
                let known = read(conn, 2);
                assert_eq!(known, JobRun { state: JobState::Running, previous: None, legacy_state: JobState::Done });
                // The derive's catch-all reads the same.
                let derived: (derived::JobState, Option<derived::JobState>) =
                    job_runs::table.find(1).select((job_runs::state, job_runs::previous)).first(conn).unwrap();
                assert_eq!(derived, (derived::JobState::Unknown(7), Some(derived::JobState::Unknown(-12))));

                // Typed filters find unknown values too.
                let ids: Vec<i32> =
                    job_runs::table.filter(job_runs::state.eq(JobState::Unknown(7))).select(job_runs::id).load(conn).unwrap();
                assert_eq!(ids, [1]);

                // An update that writes back what it read (a newer build's value it does not
                // know) stores the same numbers; NULL stays NULL.
                diesel::update(job_runs::table.find(1)).set(&unknown).execute(conn).unwrap();
                diesel::update(job_runs::table.find(2)).set(&known).execute(conn).unwrap();
                diesel::update(job_runs::table.find(2))
                    .set(job_runs::legacy_state.eq(derived::JobState::Unknown(-1)))
                    .execute(conn)
                    .unwrap();
                let numbers: Vec<(i32, i16, Option<i16>, i32)> = job_runs::table
                    .order_by(job_runs::id)
                    .select((job_runs::id, job_runs::state, job_runs::previous, job_runs::legacy_state))
                    .load(conn)
                    .unwrap();
                assert_eq!(numbers, [(1, 7, Some(-12), 300), (2, 1, None, -1)]);
                assert_eq!(read(conn, 1), unknown);
            }

            #[test]
            fn typed_filters_return_the_rows_of_plain_sql_with_numbers() {
                let Some(mut db) = $connect(concat!(stringify!($backend), "_filters")) else { return };
                let conn = &mut db.conn;
                let tasks = sample_tasks();
                diesel::insert_into(auto_tasks::table).values(&tasks).execute(conn).unwrap();
                let loaded: Vec<Task> =
                    auto_tasks::table.order_by(auto_tasks::id).select(Task::as_select()).load(conn).unwrap();
                assert_eq!(loaded, tasks);

                // The numbers are written out, as a person reading the reference would.
                use auto_tasks::*;
                assert_same_rows!(conn, status.eq(TaskStatus::Running), "status = 2");
                assert_same_rows!(conn, status.ne(TaskStatus::Running), "status <> 2");
                let active = assert_same_rows!(conn, status.lt(TaskStatus::Completed), "status < 5");
                assert_eq!(active.len(), tasks.iter().filter(|t| t.status < TaskStatus::Completed).count());
                assert_same_rows!(conn, status.le(&TaskStatus::WaitingApproval), "status <= 4");
                assert_same_rows!(conn, status.gt(TaskStatus::Paused), "status > 3");
                assert_same_rows!(conn, status.ge(TaskStatus::WaitingApproval), "status >= 4");
                assert_same_rows!(
                    conn,
                    status.eq_any([TaskStatus::Paused, TaskStatus::Failed, TaskStatus::Cancelled]),
                    "status IN (3, 6, 7)"
                );
                assert_same_rows!(
                    conn,
                    status.ne_all(vec![TaskStatus::Completed, TaskStatus::Failed]),
                    "status NOT IN (5, 6)"
                );
                assert_same_rows!(conn, status.between(TaskStatus::Ready, TaskStatus::Paused), "status BETWEEN 1 AND 3");
                assert_same_rows!(
                    conn,
                    priority.ge(TaskPriority::High).and(status.lt(TaskStatus::Completed)),
                    "priority >= 2 AND status < 5"
                );
                assert_same_rows!(conn, execution_mode.eq(&&DerivedExecutionMode::Manual), "execution_mode = 0");
                assert_same_rows!(conn, risk.is_null(), "risk IS NULL");
                assert_same_rows!(conn, risk.eq(RiskLevel::High), "risk = 3");
                assert_same_rows!(conn, risk.eq(Some(RiskLevel::None)), "risk = 0");
                assert_same_rows!(conn, risk.ge(RiskLevel::Medium), "risk >= 2");
                assert_same_rows!(conn, risk.eq_any([RiskLevel::Low, RiskLevel::Critical]), "risk IN (1, 4)");
                assert_same_rows!(conn, channel.eq(ChannelType::Slack), "channel = 4");
                assert_same_rows!(conn, channel.lt(&ChannelType::Sms), "channel < 6");
                assert_same_rows!(conn, channel.eq_any(&[ChannelType::Web, ChannelType::Api]), "channel IN (0, 9)");

                // order_by sorts by the stored number, which is the enum's order.
                let typed: Vec<(i32, TaskStatus, TaskPriority)> = auto_tasks::table
                    .order_by((status.desc(), priority, id))
                    .select((id, status, priority))
                    .load(conn)
                    .unwrap();
                let raw: Vec<i32> = diesel::sql_query("SELECT id FROM auto_tasks ORDER BY status DESC, priority, id")
                    .load::<Id>(conn)
                    .unwrap()
                    .into_iter()
                    .map(|r| r.id)
                    .collect();
                assert_eq!(typed.iter().map(|r| r.0).collect::<Vec<_>>(), raw);
                let key = |r: &(i32, TaskStatus, TaskPriority)| (std::cmp::Reverse(r.1), r.2, r.0);
                assert!(typed.windows(2).all(|w| key(&w[0]) < key(&w[1])));

                // Updates through an AsChangeset struct and through `set`.
                let paused = assert_same_rows!(conn, status.eq(TaskStatus::Paused), "status = 3");
                let change = TaskChange { status: Some(TaskStatus::Running), ..TaskChange::default() };
                let n = diesel::update(auto_tasks::table.filter(status.eq(TaskStatus::Paused))).set(&change).execute(conn).unwrap();
                assert_eq!(n, paused.len());
                let now_running: Vec<i32> = diesel::sql_query("SELECT id FROM auto_tasks WHERE status = 2 ORDER BY id")
                    .load::<Id>(conn)
                    .unwrap()
                    .into_iter()
                    .map(|r| r.id)
                    .collect();
                assert!(paused.iter().all(|p| now_running.contains(p)));
                diesel::update(auto_tasks::table.filter(id.eq(paused[0])))
                    .set((status.eq(TaskStatus::Cancelled), risk.eq(None::<RiskLevel>), channel.eq(ChannelType::Voice)))
                    .execute(conn)
                    .unwrap();
                let row: (i16, Option<i16>, i32) =
                    auto_tasks::table.find(paused[0]).select((status, risk, channel)).first(conn).unwrap();
                assert_eq!(row, (7, None, 7));
            }
        }
    };
}

/// The derive's `ExecutionMode`, by a name that `round_trip!` can take.
type DerivedExecutionMode = derived::ExecutionMode;

backend_tests!(
    postgres,
    postgres,
    PgConnection,
    placeholders = "$1, $2, $3, $4, $5",
    sqlite = false
);
backend_tests!(
    sqlite,
    sqlite,
    SqliteConnection,
    placeholders = "?, ?, ?, ?, ?",
    sqlite = true
);
backend_tests!(
    mysql,
    mysql,
    MysqlConnection,
    placeholders = "?, ?, ?, ?, ?",
    sqlite = false
);
