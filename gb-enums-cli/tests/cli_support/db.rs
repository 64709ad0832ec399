//! Real databases for the SQL tests.
//!
//! PostgreSQL and MariaDB come from `DATABASE_URL` and `MYSQL_DATABASE_URL` (defaults:
//! `postgres://postgres@127.0.0.1:5432/test`, `mysql://root@127.0.0.1:3306/test`). Each test
//! works in its own PostgreSQL schema or MariaDB database, named after the test, so tests
//! running in parallel never see each other's tables. With `CI=true` an unreachable database
//! fails the test; otherwise the test prints why and skips. SQLite runs in memory.

use std::ops::{Deref, DerefMut};

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::query_builder::SqlQuery;
use diesel::query_dsl::LoadQuery;
use diesel::sql_types::{Nullable, SmallInt, Text};
use gb_enums_codegen::render::sql::lookup_table;
use gb_enums_codegen::{EnumDef, Registry};

/// Whether tests must not skip for a missing service (`CI=true`).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// Fails (with `CI=true`) or explains the skip of a test whose database is unreachable.
fn skip(what: &str, url: &str, e: impl std::fmt::Display) {
    assert!(!in_ci(), "{what} at {url} is unreachable with CI=true: {e}");
    eprintln!("skipped: {what} at {url} is unreachable ({e}); start it with `bash .ci/services`");
}

/// A connection working in a schema (PostgreSQL) or database (MariaDB) of its own, dropped
/// again when the test ends.
pub struct TestDb<C: SimpleConnection> {
    conn: C,
    cleanup: String,
}

impl<C: SimpleConnection> Deref for TestDb<C> {
    type Target = C;
    fn deref(&self) -> &C {
        &self.conn
    }
}

impl<C: SimpleConnection> DerefMut for TestDb<C> {
    fn deref_mut(&mut self) -> &mut C {
        &mut self.conn
    }
}

impl<C: SimpleConnection> Drop for TestDb<C> {
    fn drop(&mut self) {
        // Left behind on failure is fine: the next run drops it before starting.
        if !std::thread::panicking() {
            let _ = self.conn.batch_execute(&self.cleanup);
        }
    }
}

/// PostgreSQL, in the fresh schema `gbcli_<name>` (first on the search path).
pub fn postgres(name: &str) -> Option<TestDb<PgConnection>> {
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let mut conn = match PgConnection::establish(&url) {
        Ok(c) => c,
        Err(e) => {
            skip("PostgreSQL", &url, e);
            return None;
        }
    };
    let schema = format!("gbcli_{name}");
    conn.batch_execute(&format!(
        "SET client_min_messages = warning; DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}; \
         SET search_path TO {schema};"
    ))
    .unwrap();
    Some(TestDb {
        conn,
        cleanup: format!("DROP SCHEMA IF EXISTS {schema} CASCADE;"),
    })
}

/// MariaDB (or MySQL), in the fresh database `gbcli_<name>`.
pub fn mysql(name: &str) -> Option<TestDb<MysqlConnection>> {
    let url = std::env::var("MYSQL_DATABASE_URL")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".into());
    let mut conn = match MysqlConnection::establish(&url) {
        Ok(c) => c,
        Err(e) => {
            skip("MariaDB", &url, e);
            return None;
        }
    };
    let db = format!("gbcli_{name}");
    conn.batch_execute(&format!(
        "DROP DATABASE IF EXISTS {db}; CREATE DATABASE {db} CHARACTER SET utf8mb4; USE {db};"
    ))
    .unwrap();
    Some(TestDb {
        conn,
        cleanup: format!("DROP DATABASE IF EXISTS {db};"),
    })
}

/// Runs `sql` with the `mariadb` command-line client (the one a team applies files with) in
/// database `db` of `MYSQL_DATABASE_URL`'s server, under `sql_mode` `mode`; panics with the
/// client's error when it fails.
pub fn mysql_client(db: &str, mode: &str, sql: &str) {
    let url = std::env::var("MYSQL_DATABASE_URL")
        .unwrap_or_else(|_| "mysql://root@127.0.0.1:3306/test".into());
    let (user, host, port) = url_parts(&url, 3306);
    let mut args = vec![
        format!("--host={host}"),
        format!("--port={port}"),
        format!("--user={}", user.0),
        format!("--init-command=SET SESSION sql_mode = '{mode}'"),
        db.to_string(),
    ];
    if let Some(p) = user.1 {
        args.insert(3, format!("--password={p}"));
    }
    run_client("mariadb", &args, sql);
}

/// Runs `sql` with the `sqlite3` shell on the database file `path`; panics with the shell's
/// error when it fails (`-bail`: the first error stops it).
pub fn sqlite3_shell(path: &std::path::Path, sql: &str) {
    run_client(
        "sqlite3",
        &["-bail".to_string(), path.display().to_string()],
        sql,
    );
}

/// `(user, password)`, host and port of a `scheme://user[:password]@host[:port]/db` URL.
fn url_parts(url: &str, default_port: u16) -> ((String, Option<String>), String, u16) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split('/').next().unwrap_or(rest);
    let (auth, hostport) = rest.rsplit_once('@').unwrap_or(("root", rest));
    let user = match auth.split_once(':') {
        Some((u, p)) => (u.to_string(), Some(p.to_string())),
        None => (auth.to_string(), None),
    };
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), p.parse().unwrap_or(default_port)),
        None => (hostport.to_string(), default_port),
    };
    (user, host, port)
}

/// Runs `program args` with `stdin` as its input; panics with its stderr when it fails. A
/// missing program fails with `CI=true` (`.ci/services` installs it) and panics otherwise
/// too: these tests exist to run the shell.
fn run_client(program: &str, args: &[String], stdin: &str) {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot run `{program}` ({e}); install it with `bash .ci/services`")
        });
    let mut input = child.stdin.take().unwrap();
    let text = stdin.to_string();
    let writer = std::thread::spawn(move || input.write_all(text.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "`{program}` failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
}

/// SQLite in memory.
pub fn sqlite() -> SqliteConnection {
    SqliteConnection::establish(":memory:").unwrap()
}

/// One row of a lookup table.
#[derive(Clone, Debug, PartialEq, Eq, QueryableByName)]
pub struct LookupRow {
    #[diesel(sql_type = SmallInt)]
    pub value: i16,
    #[diesel(sql_type = Text)]
    pub name: String,
    #[diesel(sql_type = Text)]
    pub description: String,
    #[diesel(sql_type = Nullable<Text>)]
    pub deprecated: Option<String>,
}

/// The rows the lookup table of `e` must hold, by value.
pub fn expected_rows(e: &EnumDef) -> Vec<LookupRow> {
    let mut rows: Vec<LookupRow> = e
        .variants
        .iter()
        .map(|v| LookupRow {
            value: v.value.value,
            name: v.name.value.clone(),
            description: v.description.clone(),
            deprecated: v.deprecated.clone(),
        })
        .collect();
    rows.sort_by_key(|r| r.value);
    rows
}

/// The rows of the lookup table of enum `key`, by value.
pub fn lookup_rows<C>(conn: &mut C, key: &str) -> Vec<LookupRow>
where
    C: Connection,
    for<'a> SqlQuery: LoadQuery<'a, C, LookupRow>,
{
    let query = format!(
        "SELECT value, name, description, deprecated FROM {} ORDER BY value",
        lookup_table(key)
    );
    diesel::sql_query(query)
        .load(conn)
        .unwrap_or_else(|e| panic!("cannot read the lookup table of {key}: {e}"))
}

/// Asserts that every lookup table holds exactly the values of `registry`.
pub fn assert_lookup_tables_match<C>(conn: &mut C, registry: &Registry)
where
    C: Connection,
    for<'a> SqlQuery: LoadQuery<'a, C, LookupRow>,
{
    for e in &registry.enums {
        assert_eq!(
            lookup_rows(conn, &e.key.value),
            expected_rows(e),
            "lookup table of {}",
            e.key.value
        );
    }
}

/// One text cell.
#[derive(Debug, QueryableByName)]
pub struct TextRow {
    #[diesel(sql_type = Nullable<Text>)]
    pub text: Option<String>,
}

/// One number cell.
#[derive(Debug, QueryableByName)]
pub struct NumberRow {
    #[diesel(sql_type = SmallInt)]
    pub number: i16,
}

/// The single text cell `text` of `query`.
pub fn text<C>(conn: &mut C, query: &str) -> Option<String>
where
    C: Connection,
    for<'a> SqlQuery: LoadQuery<'a, C, TextRow>,
{
    let rows: Vec<TextRow> = diesel::sql_query(query)
        .load(conn)
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    assert_eq!(rows.len(), 1, "{query} must return one row");
    rows.into_iter().next().and_then(|r| r.text)
}

/// The single SMALLINT cell `number` of `query`.
pub fn number<C>(conn: &mut C, query: &str) -> i16
where
    C: Connection,
    for<'a> SqlQuery: LoadQuery<'a, C, NumberRow>,
{
    let rows: Vec<NumberRow> = diesel::sql_query(query)
        .load(conn)
        .unwrap_or_else(|e| panic!("{query}: {e}"));
    assert_eq!(rows.len(), 1, "{query} must return one row");
    rows[0].number
}
