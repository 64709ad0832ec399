//! The connection: SQLite (compiled in) or, with the `postgres` feature, PostgreSQL.
//!
//! Diesel queries are checked against one backend at a time, so code that runs on either
//! goes through [`on_db!`], which type-checks the same expression once per backend.

use diesel::backend::Backend;
use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::query_builder::QueryFragment;

/// An open database, set up for this example alone.
pub enum Db {
    /// A file, or `:memory:`.
    Sqlite(SqliteConnection),
    /// With `search_path` set to the example's own schema.
    #[cfg(feature = "postgres")]
    Postgres(PgConnection),
}

/// Evaluates `$body` with `$conn` bound to the concrete connection of `$db`.
macro_rules! on_db {
    ($db:expr, $conn:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($conn) => $body,
            #[cfg(feature = "postgres")]
            $crate::db::Db::Postgres($conn) => $body,
        }
    };
}
pub(crate) use on_db;

// The DDL of each dialect: the example's tables, then the lookup tables that
// `gb-enums generate` writes from schema.toml, then the partial indexes (rendered from
// templates by `gb-enums generate`, so their numbers follow the registry).
const SQLITE_SQL: [&str; 3] = [
    include_str!("../sql/schema.sqlite.sql"),
    include_str!("../../../sql/enums.sqlite.sql"),
    include_str!("../sql/indexes.sqlite.sql"),
];
#[cfg(feature = "postgres")]
const POSTGRES_SQL: [&str; 3] = [
    include_str!("../sql/schema.postgres.sql"),
    include_str!("../../../sql/enums.postgres.sql"),
    include_str!("../sql/indexes.postgres.sql"),
];

impl Db {
    /// Connects and gives the example a clean slate: on PostgreSQL its own schema, dropped
    /// and recreated; on SQLite, a fresh in-memory database or its two tables dropped.
    pub fn open(url: Option<&str>, schema: &str) -> Result<Db, Box<dyn std::error::Error>> {
        match url {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                open_postgres(url, schema)
            }
            None => Ok(Db::Sqlite(SqliteConnection::establish(":memory:")?)),
            Some(url) => {
                let path = url.strip_prefix("sqlite://").unwrap_or(url);
                let mut conn = SqliteConnection::establish(path)?;
                conn.batch_execute(
                    "DROP TABLE IF EXISTS task_approvals; DROP TABLE IF EXISTS auto_tasks;",
                )?;
                Ok(Db::Sqlite(conn))
            }
        }
    }

    /// What the report's first line says (never the URL: it may hold a password).
    pub fn describe(&mut self) -> String {
        match self {
            Db::Sqlite(conn) => {
                let version = diesel::select(diesel::dsl::sql::<diesel::sql_types::Text>(
                    "sqlite_version()",
                ))
                .get_result::<String>(conn)
                .unwrap_or_default();
                format!("SQLite {version}")
            }
            #[cfg(feature = "postgres")]
            Db::Postgres(conn) => {
                let schema = diesel::select(diesel::dsl::sql::<diesel::sql_types::Text>(
                    "current_schema()",
                ))
                .get_result::<String>(conn)
                .unwrap_or_default();
                format!("PostgreSQL, schema {schema}")
            }
        }
    }

    /// Creates the tables, the lookup tables and the indexes.
    pub fn create_schema(&mut self) -> QueryResult<()> {
        let statements: &[&str] = match self {
            Db::Sqlite(_) => &SQLITE_SQL,
            #[cfg(feature = "postgres")]
            Db::Postgres(_) => &POSTGRES_SQL,
        };
        on_db!(self, conn => statements.iter().try_for_each(|sql| conn.batch_execute(sql)))
    }
}

#[cfg(feature = "postgres")]
fn open_postgres(url: &str, schema: &str) -> Result<Db, Box<dyn std::error::Error>> {
    // The schema is dropped with CASCADE: accept only a plain identifier.
    let plain = schema.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && schema
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !plain {
        return Err(format!("`--schema` takes a lowercase identifier, not `{schema}`").into());
    }
    let mut conn = PgConnection::establish(url)?;
    conn.batch_execute(&format!(
        "SET client_min_messages TO warning; DROP SCHEMA IF EXISTS {schema} CASCADE; \
         CREATE SCHEMA {schema}; SET search_path TO {schema};"
    ))?;
    Ok(Db::Postgres(conn))
}

#[cfg(not(feature = "postgres"))]
fn open_postgres(_url: &str, _schema: &str) -> Result<Db, Box<dyn std::error::Error>> {
    Err("this build has no PostgreSQL support: build it with `--features postgres`, or unset DATABASE_URL to use SQLite".into())
}

/// The SQL and binds of a query, as the connection's backend writes it.
pub fn debug_sql<C, Q>(_conn: &C, query: &Q) -> String
where
    C: Connection,
    C::Backend: Default,
    <C::Backend as Backend>::QueryBuilder: Default,
    Q: QueryFragment<C::Backend>,
{
    diesel::debug_query::<C::Backend, _>(query).to_string()
}
