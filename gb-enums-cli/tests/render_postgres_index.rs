//! The example's rendered partial indexes on a real PostgreSQL: created, and chosen by the
//! planner for the queries they serve (EXPLAIN names them).

mod cli_support;

use cli_support::db;
use cli_support::{read, shipped, workspace_root};
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::sql_types::Text;
use gb_enums_codegen::{template, Dialect, Source};

#[derive(QueryableByName)]
struct PlanLine {
    #[diesel(sql_type = Text, column_name = "QUERY PLAN")]
    line: String,
}

fn explain(conn: &mut PgConnection, query: &str) -> String {
    let lines: Vec<PlanLine> = diesel::sql_query(format!("EXPLAIN {query}"))
        .load(conn)
        .unwrap();
    lines
        .into_iter()
        .map(|l| l.line)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn rendered_partial_indexes_are_created_and_used() {
    let Some(mut conn) = db::postgres("render_index") else {
        return;
    };
    // The tables as in the reference document, with skewed data: most tasks are finished,
    // most approvals decided, as in production.
    conn.batch_execute(
        "CREATE TABLE auto_tasks (id BIGINT PRIMARY KEY, status SMALLINT NOT NULL, priority SMALLINT NOT NULL);
         CREATE TABLE task_approvals (id BIGINT PRIMARY KEY, task_id BIGINT NOT NULL, status SMALLINT NOT NULL,
                                      expires_at TIMESTAMPTZ NOT NULL);
         INSERT INTO auto_tasks SELECT i, CASE WHEN i % 50 = 0 THEN (i / 50) % 5 ELSE 5 + i % 3 END, (i / 3) % 5
           FROM generate_series(1, 20000) AS i;
         INSERT INTO task_approvals SELECT i, i, CASE WHEN i % 50 = 0 THEN 0 ELSE 1 + i % 4 END,
                                           now() + i * interval '1 minute'
           FROM generate_series(1, 20000) AS i;",
    )
    .unwrap();

    let path = workspace_root().join("examples/tasks/sql/indexes.postgres.sql.tmpl");
    let source = Source::new("indexes.postgres.sql.tmpl", read(&path));
    let sql = template::render(&source, &shipped(), Dialect::Postgres).unwrap();
    conn.batch_execute(&sql).unwrap();
    // Applying it again is harmless.
    conn.batch_execute(&sql).unwrap();
    conn.batch_execute("ANALYZE auto_tasks; ANALYZE task_approvals;")
        .unwrap();

    let definition = db::text(
        &mut *conn,
        "SELECT pg_get_indexdef(to_regclass('idx_tasks_status')) AS text",
    );
    assert!(definition.unwrap().ends_with("WHERE (status < 5)"));

    // Active tasks of one priority: the partial index serves it.
    let plan = explain(
        &mut conn,
        "SELECT id FROM auto_tasks WHERE status < 5 AND priority = 3",
    );
    assert!(plan.contains("idx_tasks_status"), "{plan}");
    // Finished tasks are not in it, so it cannot serve them.
    let plan = explain(
        &mut conn,
        "SELECT id FROM auto_tasks WHERE status = 5 AND priority = 3",
    );
    assert!(!plan.contains("idx_tasks_status"), "{plan}");

    let plan = explain(
        &mut conn,
        "SELECT task_id, expires_at FROM task_approvals WHERE status = 0 AND task_id = 100",
    );
    assert!(plan.contains("idx_approvals_pending"), "{plan}");
    let plan = explain(
        &mut conn,
        "SELECT task_id FROM task_approvals WHERE status = 0 ORDER BY task_id LIMIT 10",
    );
    assert!(plan.contains("idx_approvals_pending"), "{plan}");
}
