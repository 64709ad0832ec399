//! sqlx's compile-time checked macros with registry enums, on PostgreSQL: `query!` and
//! `query_as!` read them through the column override (`status AS "status: TaskStatus"`) and
//! bind them with `as _`. The macros are checked against the committed offline data in
//! `.sqlx/` (see `sqlx.toml`), so compiling this file needs no database.

use sqlx::{Connection, Executor};

mod shipped {
    gb_enums::registry!("../../schema.toml");
}

mod derived {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, gb_enums::GbEnum)]
    #[gb_enum(registry = "../../schema.toml")]
    pub enum ExecutionMode {
        Manual,
        Supervised,
        Autonomous,
    }
}

use shipped::*;

#[derive(Debug, PartialEq)]
struct Task {
    id: i32,
    status: TaskStatus,
    execution_mode: derived::ExecutionMode,
    risk: Option<RiskLevel>,
    channel: ChannelType,
}

async fn postgres() -> Option<sqlx::PgConnection> {
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut conn = match sqlx::PgConnection::connect(&url).await {
        Ok(conn) => conn,
        Err(err) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("PostgreSQL at {url} is unreachable: {err} (CI=true: database tests never skip)")
        }
        Err(err) => {
            eprintln!("skipping: PostgreSQL at {url} is unreachable: {err}");
            return None;
        }
    };
    conn.execute(
        "SET client_min_messages TO warning; DROP SCHEMA IF EXISTS gb_enums_sqlx_macros CASCADE; \
         CREATE SCHEMA gb_enums_sqlx_macros; SET search_path TO gb_enums_sqlx_macros",
    )
    .await
    .unwrap();
    conn.execute(include_str!("../sqlx_macros.sql"))
        .await
        .unwrap();
    Some(conn)
}

#[tokio::test]
async fn query_macros_bind_and_read_enums() {
    let Some(mut conn) = postgres().await else {
        return;
    };
    let conn = &mut conn;
    for (id, status, risk) in [
        (1, TaskStatus::Running, Some(RiskLevel::High)),
        (2, TaskStatus::Completed, None),
        (3, TaskStatus::Running, None),
    ] {
        sqlx::query!(
            "INSERT INTO auto_tasks (id, title, status, priority, execution_mode, risk, channel) \
             VALUES ($1, 'task', $2, $3, $4, $5, $6)",
            id,
            status as _,
            TaskPriority::High as _,
            derived::ExecutionMode::Autonomous as _,
            risk as _,
            ChannelType::Slack as _,
        )
        .execute(&mut *conn)
        .await
        .unwrap();
    }

    let running = sqlx::query_as!(
        Task,
        r#"SELECT id, status AS "status: TaskStatus", execution_mode AS "execution_mode: derived::ExecutionMode",
                  risk AS "risk: RiskLevel", channel AS "channel: ChannelType"
           FROM auto_tasks WHERE status = $1 ORDER BY id"#,
        TaskStatus::Running as _,
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    let task = |id, risk| Task {
        id,
        status: TaskStatus::Running,
        execution_mode: derived::ExecutionMode::Autonomous,
        risk,
        channel: ChannelType::Slack,
    };
    assert_eq!(running, [task(1, Some(RiskLevel::High)), task(3, None)]);

    let row = sqlx::query!(
        r#"SELECT status AS "status: TaskStatus", priority AS "priority: TaskPriority" FROM auto_tasks WHERE id = $1"#,
        2
    )
    .fetch_one(&mut *conn)
    .await
    .unwrap();
    assert_eq!(
        (row.status, row.priority),
        (TaskStatus::Completed, TaskPriority::High)
    );
    // `priority` is mapped once for every query in sqlx.toml (`[macros.table-overrides]`).
    let priority: TaskPriority =
        sqlx::query_scalar!("SELECT priority FROM auto_tasks WHERE id = 2")
            .fetch_one(&mut *conn)
            .await
            .unwrap();
    assert_eq!(priority, TaskPriority::High);
    let stored: i16 = sqlx::query_scalar!("SELECT status FROM auto_tasks WHERE id = 2")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    assert_eq!(stored, TaskStatus::Completed.value());

    // An unknown number is an error naming enum and value, through the macros too.
    conn.execute("UPDATE auto_tasks SET status = 9 WHERE id = 3")
        .await
        .unwrap();
    let err = sqlx::query!(r#"SELECT status AS "status: TaskStatus" FROM auto_tasks WHERE id = 3"#)
        .fetch_one(&mut *conn)
        .await
        .unwrap_err();
    let source = std::error::Error::source(&err).map(ToString::to_string);
    assert_eq!(
        source.as_deref(),
        Some("unknown task_status value 9"),
        "{err}"
    );
}
