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
