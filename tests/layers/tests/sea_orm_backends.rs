//! The SeaORM mappings on real databases: PostgreSQL and SQLite.
//!
//! The tables are created from the entities (`Schema::create_table_from_entity`), so that the
//! column type SeaORM derives for an enum field is checked too (`smallint`). Every value of
//! every shipped enum is written through `From<E> for Value` and read back through
//! `TryGetable`; models with enum fields are inserted with `ActiveModel`s and filtered with
//! `Column::Status.eq(TaskStatus::Running)` and friends, which must return the rows of the
//! same SQL with the numbers; a number the registry does not know is an error naming enum and
//! value (closed enum) or `Unknown(v)` written back unchanged (open enum).

use std::error::Error;
use std::fmt::Display;

use gb_enums::{GbEnum, UnknownValue};
use sea_orm::sea_query::{ExprTrait, Value};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection,
    DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Schema, Set, Statement,
};

mod shipped {
    gb_enums::registry!("../../schema.toml");
}

mod jobs {
    gb_enums::registry!("../registries/open.toml");
}

/// A hand-written enum checked by the derive, as a model field.
mod derived {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, gb_enums::GbEnum)]
    #[gb_enum(registry = "../../schema.toml")]
    pub enum ExecutionMode {
        Manual,
        Supervised,
        Autonomous,
    }
}

use jobs::JobState;
use shipped::*;

mod task {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "auto_tasks")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i32,
        pub title: String,
        pub status: super::TaskStatus,
        pub priority: super::TaskPriority,
        pub execution_mode: super::derived::ExecutionMode,
        pub risk: Option<super::RiskLevel>,
        pub channel: super::ChannelType,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

mod job_run {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "job_runs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i32,
        pub state: super::JobState,
        pub previous: Option<super::JobState>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

/// A table of plain numbers for the round trips of every enum.
mod enum_value {
    use sea_orm::entity::prelude::*;

    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "enum_values")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: i32,
        pub small: i16,
        pub nullable: Option<i16>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true")
}

fn unreachable_db<T>(what: &str, url: &str, err: impl Display) -> Option<T> {
    if in_ci() {
        panic!("{what} at {url} is unreachable: {err} (CI=true: database tests never skip)");
    }
    eprintln!("skipping: {what} at {url} is unreachable: {err}");
    None
}

/// Creates the three tables from the entities.
async fn setup(db: DatabaseConnection) -> DatabaseConnection {
    let schema = Schema::new(db.get_database_backend());
    db.execute(&schema.create_table_from_entity(task::Entity))
        .await
        .unwrap();
    db.execute(&schema.create_table_from_entity(job_run::Entity))
        .await
        .unwrap();
    db.execute(&schema.create_table_from_entity(enum_value::Entity))
        .await
        .unwrap();
    db
}

/// One connection whose `search_path` is a fresh schema named for the test.
async fn postgres(test: &str) -> Option<DatabaseConnection> {
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let schema = format!("gb_enums_sea_orm_{test}");
    let admin = match Database::connect(&url).await {
        Ok(db) => db,
        Err(err) => return unreachable_db("PostgreSQL", &url, err),
    };
    admin
        .execute_unprepared(&format!(
            "SET client_min_messages TO warning; DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
        ))
        .await
        .unwrap();
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(1)
        .set_schema_search_path(schema)
        .sqlx_logging(false);
    Some(setup(Database::connect(options).await.unwrap()).await)
}

/// One in-memory database (one connection: each has its own).
async fn sqlite(_test: &str) -> Option<DatabaseConnection> {
    let mut options = ConnectOptions::new("sqlite::memory:");
    options
        .max_connections(1)
        .min_connections(1)
        .sqlx_logging(false);
    Some(setup(Database::connect(options).await.unwrap()).await)
}

fn sql(db: &DatabaseConnection, text: &str) -> Statement {
    Statement::from_string(db.get_database_backend(), text)
}

/// `$1` placeholders for PostgreSQL, `?` for SQLite.
fn placeholders(db: &DatabaseConnection, text: &str) -> String {
    if db.get_database_backend() == DbBackend::Postgres {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut chars = text.chars().peekable();
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

/// The registry's keys, in file order.
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

/// Every value of `$ty` written as a SeaORM `Value` (and NULL) and read back as the enum and
/// as the number.
macro_rules! round_trip {
    ($ty:ident, $db:expr) => {{
        let db: &DatabaseConnection = $db;
        db.execute_unprepared("DELETE FROM enum_values")
            .await
            .unwrap();
        let insert = placeholders(
            db,
            "INSERT INTO enum_values (id, small, nullable) VALUES ($1, $2, $3)",
        );
        let all: &[$ty] = <$ty as GbEnum>::ALL;
        for (i, e) in all.iter().enumerate() {
            let values: [Value; 3] = [(i as i32).into(), (*e).into(), Some(*e).into()];
            db.execute_raw(Statement::from_sql_and_values(
                db.get_database_backend(),
                &insert,
                values,
            ))
            .await
            .unwrap();
        }
        let values: [Value; 3] = [(all.len() as i32).into(), all[0].into(), None::<$ty>.into()];
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            &insert,
            values,
        ))
        .await
        .unwrap();
        let rows = db
            .query_all_raw(sql(
                db,
                "SELECT small, nullable FROM enum_values ORDER BY id",
            ))
            .await
            .unwrap();
        let read: Vec<($ty, Option<$ty>)> = rows
            .iter()
            .map(|r| {
                (
                    r.try_get("", "small").unwrap(),
                    r.try_get("", "nullable").unwrap(),
                )
            })
            .collect();
        let mut expected: Vec<($ty, Option<$ty>)> = all.iter().map(|e| (*e, Some(*e))).collect();
        expected.push((all[0], None));
        assert_eq!(read, expected, "{}", <$ty as GbEnum>::KEY);
        let numbers: Vec<(i16, Option<i16>)> = enum_value::Entity::find()
            .order_by_asc(enum_value::Column::Id)
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|m| (m.small, m.nullable))
            .collect();
        let expected_numbers: Vec<(i16, Option<i16>)> = expected
            .iter()
            .map(|(a, b)| (a.value(), b.map(|e| e.value())))
            .collect();
        assert_eq!(numbers, expected_numbers, "{}", <$ty as GbEnum>::KEY);
        (<$ty as GbEnum>::KEY.to_owned(), all.len())
    }};
}

/// Ids of a typed filter and of the SQL with numbers: the same, neither empty nor everything.
macro_rules! assert_same_rows {
    ($db:expr, $filter:expr, $raw:expr) => {{
        let db: &DatabaseConnection = $db;
        let typed: Vec<i32> = task::Entity::find()
            .filter($filter)
            .order_by_asc(task::Column::Id)
            .all(db)
            .await
            .unwrap()
            .into_iter()
            .map(|t| t.id)
            .collect();
        let raw: Vec<i32> = db
            .query_all_raw(sql(
                db,
                &format!("SELECT id FROM auto_tasks WHERE {} ORDER BY id", $raw),
            ))
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get::<i32>("", "id").unwrap())
            .collect();
        assert_eq!(typed, raw, "{}", $raw);
        assert!(
            !typed.is_empty() && typed.len() < TASKS as usize,
            "{}: {} rows",
            $raw,
            typed.len()
        );
        typed
    }};
}

const TASKS: i32 = 240;

fn sample_tasks() -> Vec<task::Model> {
    (0..TASKS)
        .map(|i| {
            let n = i as usize;
            task::Model {
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

/// The `UnknownValue` behind a SeaORM error, with its message.
fn unknown_value<E: GbEnum>(err: &DbErr) -> (String, Option<UnknownValue<E>>) {
    let typed = match err {
        DbErr::TryIntoErr { source, .. } => source.downcast_ref::<UnknownValue<E>>().copied(),
        _ => None,
    };
    (err.to_string(), typed)
}

macro_rules! backend_tests {
    ($backend:ident) => {
        mod $backend {
            use super::*;

            #[tokio::test]
            async fn enum_fields_are_smallint_columns() {
                let Some(db) = $backend(concat!(stringify!($backend), "_columns")).await else { return };
                let types: Vec<String> = if db.get_database_backend() == DbBackend::Postgres {
                    db.query_all_raw(sql(
                        &db,
                        "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() \
                         AND table_name = 'auto_tasks' ORDER BY ordinal_position",
                    ))
                    .await
                    .unwrap()
                    .iter()
                    .map(|r| r.try_get::<String>("", "data_type").unwrap())
                    .collect()
                } else {
                    db.query_all_raw(sql(&db, "SELECT type FROM pragma_table_info('auto_tasks') ORDER BY cid"))
                        .await
                        .unwrap()
                        .iter()
                        .map(|r| r.try_get::<String>("", "type").unwrap().to_lowercase())
                        .collect()
                };
                assert_eq!(types[2..], ["smallint"; 5], "{types:?}");
            }

            #[tokio::test]
            async fn every_value_of_every_shipped_enum_round_trips() {
                let Some(db) = $backend(concat!(stringify!($backend), "_round_trip")).await else { return };
                let checked = vec![
                    round_trip!(ChannelType, &db),
                    round_trip!(MessageRole, &db),
                    round_trip!(MessageType, &db),
                    round_trip!(LlmProvider, &db),
                    round_trip!(TaskStatus, &db),
                    round_trip!(TaskPriority, &db),
                    round_trip!(ExecutionMode, &db),
                    round_trip!(RiskLevel, &db),
                    round_trip!(ApprovalStatus, &db),
                    round_trip!(IntentType, &db),
                    round_trip!(MemoryType, &db),
                    round_trip!(SyncStatus, &db),
                ];
                assert_eq!(checked, shipped_keys_and_sizes());
                type DerivedExecutionMode = derived::ExecutionMode;
                assert_eq!(round_trip!(DerivedExecutionMode, &db), ("execution_mode".to_owned(), 3));
            }

            #[tokio::test]
            async fn models_insert_filter_and_update() {
                let Some(db) = $backend(concat!(stringify!($backend), "_models")).await else { return };
                let db = &db;
                let tasks = sample_tasks();
                task::Entity::insert_many(tasks.iter().cloned().map(task::ActiveModel::from))
                    .exec(db)
                    .await
                    .unwrap();
                let loaded = task::Entity::find().order_by_asc(task::Column::Id).all(db).await.unwrap();
                assert_eq!(loaded, tasks);

                use task::Column;
                assert_same_rows!(db, Column::Status.eq(TaskStatus::Running), "status = 2");
                assert_same_rows!(db, Column::Status.ne(TaskStatus::Running), "status <> 2");
                let active = assert_same_rows!(db, Column::Status.lt(TaskStatus::Completed), "status < 5");
                assert_eq!(active.len(), tasks.iter().filter(|t| t.status < TaskStatus::Completed).count());
                assert_same_rows!(db, Column::Status.gte(TaskStatus::WaitingApproval), "status >= 4");
                assert_same_rows!(
                    db,
                    Column::Status.is_in([TaskStatus::Paused, TaskStatus::Failed, TaskStatus::Cancelled]),
                    "status IN (3, 6, 7)"
                );
                assert_same_rows!(db, Column::Status.is_not_in([TaskStatus::Completed, TaskStatus::Failed]), "status NOT IN (5, 6)");
                assert_same_rows!(db, Column::Status.between(TaskStatus::Ready, TaskStatus::Paused), "status BETWEEN 1 AND 3");
                assert_same_rows!(
                    db,
                    Column::Priority.gte(TaskPriority::High).and(Column::Status.lt(TaskStatus::Completed)),
                    "priority >= 2 AND status < 5"
                );
                assert_same_rows!(db, Column::ExecutionMode.eq(derived::ExecutionMode::Manual), "execution_mode = 0");
                assert_same_rows!(db, Column::Risk.is_null(), "risk IS NULL");
                assert_same_rows!(db, Column::Risk.eq(RiskLevel::High), "risk = 3");
                assert_same_rows!(db, Column::Risk.eq(Some(RiskLevel::None)), "risk = 0");
                assert_same_rows!(db, Column::Channel.lt(ChannelType::Sms), "channel < 6");

                // Insert one model through an ActiveModel, update it, read it back.
                let new = task::ActiveModel {
                    id: Set(1000),
                    title: Set("new".into()),
                    status: Set(TaskStatus::Ready),
                    priority: Set(TaskPriority::Urgent),
                    execution_mode: Set(derived::ExecutionMode::Autonomous),
                    risk: Set(None),
                    channel: Set(ChannelType::Voice),
                }
                .insert(db)
                .await
                .unwrap();
                assert_eq!((new.status, new.risk), (TaskStatus::Ready, None));
                let mut change: task::ActiveModel = new.into();
                change.status = Set(TaskStatus::Cancelled);
                change.risk = Set(Some(RiskLevel::Critical));
                change.update(db).await.unwrap();
                let row = db
                    .query_one_raw(sql(db, "SELECT status, risk, channel FROM auto_tasks WHERE id = 1000"))
                    .await
                    .unwrap()
                    .unwrap();
                let numbers: (i16, Option<i16>, i16) =
                    (row.try_get("", "status").unwrap(), row.try_get("", "risk").unwrap(), row.try_get("", "channel").unwrap());
                assert_eq!(numbers, (7, Some(4), 7));
                // `update_many` with a typed filter and value.
                let paused = assert_same_rows!(db, Column::Status.eq(TaskStatus::Paused), "status = 3");
                let result = task::Entity::update_many()
                    .col_expr(Column::Status, sea_orm::sea_query::Expr::value(TaskStatus::Running))
                    .filter(Column::Status.eq(TaskStatus::Paused))
                    .exec(db)
                    .await
                    .unwrap();
                assert_eq!(result.rows_affected as usize, paused.len());
                // A select of one enum column.
                let statuses: Vec<TaskStatus> = task::Entity::find()
                    .select_only()
                    .column(Column::Status)
                    .filter(Column::Id.is_in(paused.clone()))
                    .into_tuple()
                    .all(db)
                    .await
                    .unwrap();
                assert_eq!(statuses, vec![TaskStatus::Running; paused.len()]);
            }

            #[tokio::test]
            async fn unknown_values_are_errors_or_kept_by_open_enums() {
                let Some(db) = $backend(concat!(stringify!($backend), "_unknown")).await else { return };
                let db = &db;
                db.execute_unprepared(
                    "INSERT INTO auto_tasks (id, title, status, priority, execution_mode, risk, channel) \
                     VALUES (1, 'a', 9, 1, 0, NULL, 0), (2, 'b', 2, 1, 0, 8, 0)",
                )
                .await
                .unwrap();
                let err = task::Entity::find_by_id(1).one(db).await.unwrap_err();
                let (message, typed) = unknown_value::<TaskStatus>(&err);
                assert_eq!(message, "Error converting `SMALLINT` into `task_status`: unknown task_status value 9");
                assert_eq!(typed, Some(UnknownValue::new(9)));
                assert!(err.source().is_some());
                let err = task::Entity::find_by_id(2).one(db).await.unwrap_err();
                assert_eq!(unknown_value::<RiskLevel>(&err).1, Some(UnknownValue::new(8)));

                // An open enum keeps the value, and an update writes it back.
                db.execute_unprepared("INSERT INTO job_runs (id, state, previous) VALUES (1, 7, -12), (2, 1, NULL)")
                    .await
                    .unwrap();
                let runs = job_run::Entity::find().order_by_asc(job_run::Column::Id).all(db).await.unwrap();
                assert_eq!(
                    runs.iter().map(|r| (r.state, r.previous)).collect::<Vec<_>>(),
                    [(JobState::Unknown(7), Some(JobState::Unknown(-12))), (JobState::Running, None)]
                );
                let found = job_run::Entity::find()
                    .filter(job_run::Column::State.eq(JobState::Unknown(7)))
                    .all(db)
                    .await
                    .unwrap();
                assert_eq!(found.len(), 1);
                let mut run: job_run::ActiveModel = runs[1].clone().into();
                run.previous = Set(Some(runs[0].state));
                run.update(db).await.unwrap();
                let row = db
                    .query_one_raw(sql(db, "SELECT state, previous FROM job_runs WHERE id = 2"))
                    .await
                    .unwrap()
                    .unwrap();
                let numbers: (i16, Option<i16>) = (row.try_get("", "state").unwrap(), row.try_get("", "previous").unwrap());
                assert_eq!(numbers, (1, Some(7)));
            }
        }
    };
}

backend_tests!(postgres);
backend_tests!(sqlite);
