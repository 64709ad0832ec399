//! The SQLite output applied to a real SQLite (bundled, in memory, and the `sqlite3` shell): twice, then after the
//! registry changed; the lookup tables must hold exactly the registry each time.

mod cli_support;

use cli_support::{awkward, awkward_large, db, shipped};
use diesel::connection::SimpleConnection;
use diesel::{Connection, SqliteConnection};
use gb_enums_codegen::render::sql::render;
use gb_enums_codegen::{Dialect, Registry};

fn apply(conn: &mut SqliteConnection, registry: &Registry) {
    let sql = render(registry, Dialect::Sqlite, "schema.toml").unwrap();
    conn.batch_execute(&sql)
        .unwrap_or_else(|e| panic!("the SQLite output does not apply: {e}"));
}

fn schema_of(conn: &mut SqliteConnection, table: &str) -> Option<String> {
    db::text(
        conn,
        &format!("SELECT (SELECT sql FROM sqlite_master WHERE name = '{table}') AS text"),
    )
}

#[test]
fn shipped_sql_applies_twice_and_follows_registry_changes() {
    let mut conn = db::sqlite();
    let registry = shipped();
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut conn, &registry);
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut conn, &registry);

    let mut edited = registry.clone();
    let e = edited
        .enums
        .iter_mut()
        .find(|e| e.key.value == "approval_status")
        .unwrap();
    e.variants
        .iter_mut()
        .find(|v| v.name.value == "expired")
        .unwrap()
        .description = "Timed out; it's gone".into();
    e.variants.retain(|v| v.name.value != "skipped");
    apply(&mut conn, &edited);
    db::assert_lookup_tables_match(&mut conn, &edited);
    let rows = db::lookup_rows(&mut conn, "approval_status");
    assert!(
        rows.iter().all(|r| r.name != "skipped"),
        "the removed value is deleted"
    );
    apply(&mut conn, &edited);
    db::assert_lookup_tables_match(&mut conn, &edited);
}

#[test]
fn application_tables_are_never_altered() {
    let mut conn = db::sqlite();
    let registry = shipped();
    // Before and after the application's tables exist.
    apply(&mut conn, &registry);
    let ddl =
        "CREATE TABLE auto_tasks (id INTEGER PRIMARY KEY, status SMALLINT NOT NULL DEFAULT 0, \
               priority SMALLINT NOT NULL DEFAULT 1, execution_mode SMALLINT NOT NULL DEFAULT 1)";
    conn.batch_execute(ddl).unwrap();
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut conn, &registry);
    assert_eq!(schema_of(&mut conn, "auto_tasks").as_deref(), Some(ddl));

    // What SQLite cannot set is written down for the application's CREATE TABLE.
    let sql = render(&registry, Dialect::Sqlite, "schema.toml").unwrap();
    assert!(sql.contains(
        "-- auto_tasks.status: enum task_status (table enum_task_status): 0 = pending, 1 = ready, 2 = running, \
         3 = paused, 4 = waiting_approval, 5 = completed, 6 = failed, 7 = cancelled; default 0 = pending.\n\
         -- Declare DEFAULT 0 for it in the CREATE TABLE of auto_tasks.\n"
    ));
}

#[test]
fn awkward_sql_round_trips_every_character() {
    let mut conn = db::sqlite();
    let registry = awkward();
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut conn, &registry);
    apply(&mut conn, &registry);
    db::assert_lookup_tables_match(&mut conn, &registry);
    let tables = db::text(
        &mut conn,
        "SELECT group_concat(name, ',') AS text FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)",
    );
    assert_eq!(tables.as_deref(), Some("enum_awkward_text,enum_open_codes"));
}

/// The awkward registry with a 100 KB description, run twice by the `sqlite3` shell (which
/// drops a `\r` ending a line of its input) and read back through the library: every text is
/// byte for byte the registry's.
#[test]
fn awkward_sql_survives_the_sqlite3_shell() {
    let registry = awkward_large();
    let sql = render(&registry, Dialect::Sqlite, "schema.toml").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    db::sqlite3_shell(&path, &sql);
    db::sqlite3_shell(&path, &sql);
    let mut conn = SqliteConnection::establish(path.to_str().unwrap()).unwrap();
    db::assert_lookup_tables_match(&mut conn, &registry);
}
