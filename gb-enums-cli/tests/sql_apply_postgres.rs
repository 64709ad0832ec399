//! The PostgreSQL output applied to a real PostgreSQL: twice, then after the registry
//! changed; the lookup tables must hold exactly the registry each time, and the bound
//! columns must get their comments and defaults once they exist.

mod cli_support;

use cli_support::db::{self, TestDb};
use cli_support::{awkward, awkward_large, shipped};
use diesel::connection::SimpleConnection;
use diesel::PgConnection;
use gb_enums_codegen::render::sql::{column_comment, render};
use gb_enums_codegen::{Dialect, Registry};

fn apply(conn: &mut TestDb<PgConnection>, registry: &Registry) {
    let sql = render(registry, Dialect::Postgres, "schema.toml").unwrap();
    conn.batch_execute(&sql)
        .unwrap_or_else(|e| panic!("the PostgreSQL output does not apply: {e}"));
}

/// The shipped registry with the description of `task_status.completed` changed and
/// `task_status.cancelled` removed.
fn edited_shipped() -> Registry {
    let mut r = shipped();
    let e = r
        .enums
        .iter_mut()
        .find(|e| e.key.value == "task_status")
        .unwrap();
    e.variants
        .iter_mut()
        .find(|v| v.name.value == "completed")
        .unwrap()
        .description = "Finished, it's done: \"ok\"".into();
    e.variants.retain(|v| v.name.value != "cancelled");
    r
}

fn column_comment_in_db(
    conn: &mut TestDb<PgConnection>,
    table: &str,
    column: &str,
) -> Option<String> {
    db::text(
        &mut **conn,
        &format!(
            "SELECT pg_catalog.col_description(a.attrelid, a.attnum) AS text FROM pg_catalog.pg_attribute a \
             WHERE a.attrelid = to_regclass('{table}') AND a.attname = '{column}'"
        ),
    )
}

fn registry_comment(r: &Registry, table: &str, column: &str) -> String {
    let t = r.tables.iter().find(|t| t.name.value == table).unwrap();
    let c = t.columns.iter().find(|c| c.name.value == column).unwrap();
    column_comment(r.enum_by_key(&c.enum_key.value).unwrap(), c)
}

#[test]
fn shipped_sql_applies_twice_and_follows_registry_changes() {
    let Some(mut conn) = db::postgres("pg_shipped") else {
        return;
    };
    let registry = shipped();
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut *conn, &registry);
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut *conn, &registry);

    let edited = edited_shipped();
    apply(&mut conn, &edited);
    db::assert_lookup_tables_match(&mut *conn, &edited);
    let rows = db::lookup_rows(&mut *conn, "task_status");
    assert!(
        rows.iter().all(|r| r.name != "cancelled"),
        "the removed value is deleted"
    );
    assert_eq!(
        rows.iter().find(|r| r.value == 5).unwrap().description,
        "Finished, it's done: \"ok\""
    );
    apply(&mut conn, &edited);
    db::assert_lookup_tables_match(&mut *conn, &edited);

    // Adding the value back restores its row.
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut *conn, &registry);
}

#[test]
fn bound_columns_get_comments_and_defaults_once_their_tables_exist() {
    let Some(mut conn) = db::postgres("pg_columns") else {
        return;
    };
    let registry = shipped();
    // Before the application's tables exist: nothing fails, and no table of theirs appears.
    apply(&mut conn, &registry);
    assert_eq!(
        db::text(&mut *conn, "SELECT to_regclass('auto_tasks')::text AS text"),
        None
    );

    conn.batch_execute(
        "CREATE TABLE auto_tasks (id INTEGER PRIMARY KEY, status SMALLINT NOT NULL, priority SMALLINT NOT NULL, \
         execution_mode VARCHAR(50) NOT NULL DEFAULT 'supervised'); \
         CREATE TABLE task_approvals (id INTEGER PRIMARY KEY, status SMALLINT NOT NULL);",
    )
    .unwrap();
    apply(&mut conn, &registry);
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut *conn, &registry);

    for (table, column) in [
        ("auto_tasks", "status"),
        ("auto_tasks", "priority"),
        ("task_approvals", "status"),
    ] {
        let comment = column_comment_in_db(&mut conn, table, column);
        assert_eq!(
            comment.as_deref(),
            Some(registry_comment(&registry, table, column).as_str()),
            "{table}.{column}"
        );
    }
    let status = column_comment_in_db(&mut conn, "auto_tasks", "status").unwrap();
    assert!(
        status.contains("5 = completed") && status.ends_with("default 0 = pending"),
        "{status}"
    );

    // The defaults are the registry's: a row that names no enum column gets them.
    conn.batch_execute(
        "INSERT INTO auto_tasks (id) VALUES (1); INSERT INTO task_approvals (id) VALUES (1);",
    )
    .unwrap();
    assert_eq!(
        db::number(&mut *conn, "SELECT status AS number FROM auto_tasks"),
        0
    );
    assert_eq!(
        db::number(&mut *conn, "SELECT priority AS number FROM auto_tasks"),
        1
    );
    assert_eq!(
        db::number(&mut *conn, "SELECT status AS number FROM task_approvals"),
        0
    );

    // A legacy text column is left alone (`gb-enums migrate` converts it).
    assert_eq!(
        column_comment_in_db(&mut conn, "auto_tasks", "execution_mode"),
        None
    );
    assert_eq!(
        db::text(&mut *conn, "SELECT execution_mode AS text FROM auto_tasks").as_deref(),
        Some("supervised")
    );

    // CHECK-free: no constraint but the primary keys.
    let constraints = db::text(
        &mut *conn,
        "SELECT count(*)::text AS text FROM pg_catalog.pg_constraint c JOIN pg_catalog.pg_namespace n \
         ON n.oid = c.connamespace WHERE n.nspname = current_schema() AND c.contype <> 'p'",
    );
    assert_eq!(constraints.as_deref(), Some("0"));
}

#[test]
fn awkward_sql_round_trips_every_character() {
    let Some(mut conn) = db::postgres("pg_awkward") else {
        return;
    };
    let registry = awkward();
    conn.batch_execute(
        "CREATE TABLE weird_items (id INTEGER PRIMARY KEY, kind SMALLINT, code INTEGER);",
    )
    .unwrap();
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut *conn, &registry);
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut *conn, &registry);

    // The injection attempt is data: every table is still there.
    let tables = db::text(
        &mut *conn,
        "SELECT string_agg(table_name::text, ',' ORDER BY table_name) AS text FROM information_schema.tables \
         WHERE table_schema = current_schema()",
    );
    assert_eq!(
        tables.as_deref(),
        Some("enum_awkward_text,enum_open_codes,weird_items")
    );
    assert_eq!(
        column_comment_in_db(&mut conn, "weird_items", "kind").as_deref(),
        Some(registry_comment(&registry, "weird_items", "kind").as_str())
    );
    conn.batch_execute("INSERT INTO weird_items (id) VALUES (1);")
        .unwrap();
    assert_eq!(
        db::number(&mut *conn, "SELECT kind AS number FROM weird_items"),
        i16::MIN
    );

    // Backslashes read the same under the legacy `standard_conforming_strings = off`.
    conn.batch_execute("DELETE FROM enum_awkward_text; SET standard_conforming_strings = off;")
        .unwrap();
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut *conn, &registry);
}

/// The awkward registry with a 100 KB description, applied twice with
/// `standard_conforming_strings` on, then twice more with it off (a fresh schema each time):
/// every text reads back byte for byte.
#[test]
fn awkward_sql_reads_back_exactly_with_standard_conforming_strings_on_and_off() {
    let registry = awkward_large();
    for setting in ["on", "off"] {
        let Some(mut conn) = db::postgres(&format!("pg_scs_{setting}")) else {
            return;
        };
        conn.batch_execute(&format!(
            "SET standard_conforming_strings = {setting}; \
             CREATE TABLE weird_items (id INTEGER PRIMARY KEY, kind SMALLINT, code INTEGER);"
        ))
        .unwrap();
        apply(&mut conn, &registry);
        apply(&mut conn, &registry);
        db::assert_lookup_tables_match(&mut *conn, &registry);
        assert_eq!(
            column_comment_in_db(&mut conn, "weird_items", "kind").as_deref(),
            Some(registry_comment(&registry, "weird_items", "kind").as_str())
        );
        assert_eq!(
            db::text(
                &mut *conn,
                "SELECT current_setting('standard_conforming_strings') AS text"
            )
            .as_deref(),
            Some(setting)
        );
    }
}
