//! A database URL to a client, with errors that say what to fix.
//!
//! Shared by every command that talks to a live database: parse the URL once
//! ([`DatabaseUrl::parse`]), show it in messages without its password (its `Display`), then
//! open the client of its [`Backend`].

use std::fmt;

/// The kind of database a URL names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Backend {
    /// PostgreSQL: `postgres://` or `postgresql://`.
    Postgres,
    /// MySQL or MariaDB: `mysql://` or `mariadb://`.
    Mysql,
    /// SQLite: `sqlite://PATH` or `sqlite:PATH`.
    Sqlite,
}

impl Backend {
    /// Its name in messages and JSON: `postgres`, `mysql` or `sqlite`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Postgres => "postgres",
            Backend::Mysql => "mysql",
            Backend::Sqlite => "sqlite",
        }
    }
}

impl fmt::Display for Backend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A failure to understand a URL or to reach a database. Its message names the URL without
/// its password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    message: String,
}

impl Error {
    /// An error with this message (lowercase, no final period).
    pub fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// A database URL, checked for a known scheme.
///
/// ```
/// use gb_enums_live::connection::{Backend, DatabaseUrl};
///
/// assert_eq!(DatabaseUrl::parse("mariadb://root@127.0.0.1/app").unwrap().backend(), Backend::Mysql);
/// assert_eq!(DatabaseUrl::parse("sqlite://data/app.db").unwrap().sqlite_path(), Some("data/app.db"));
/// let err = DatabaseUrl::parse("oracle://x").unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unsupported database url `oracle://x`: expected postgres://, mysql://, mariadb:// or sqlite://"
/// );
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    raw: String,
    backend: Backend,
}

impl DatabaseUrl {
    /// Reads `url`; an empty URL or an unknown scheme is an error.
    pub fn parse(url: &str) -> Result<Self, Error> {
        let url = url.trim();
        if url.is_empty() {
            return Err(Error::new(
                "no database url: pass `--database-url URL` or set `DATABASE_URL`",
            ));
        }
        let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        let backend = match scheme.as_deref() {
            Some("postgres" | "postgresql") => Backend::Postgres,
            Some("mysql" | "mariadb") => Backend::Mysql,
            Some("sqlite") => Backend::Sqlite,
            _ => {
                return Err(Error::new(format!(
                    "unsupported database url `{}`: expected postgres://, mysql://, mariadb:// or sqlite://",
                    redact(url)
                )))
            }
        };
        Ok(DatabaseUrl {
            raw: url.to_owned(),
            backend,
        })
    }

    /// The kind of database.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL as given, password included: for the client only, never for messages.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The file of a `sqlite:` URL (`sqlite://PATH` or `sqlite:PATH`), else `None`.
    pub fn sqlite_path(&self) -> Option<&str> {
        if self.backend != Backend::Sqlite {
            return None;
        }
        let rest = &self.raw["sqlite:".len()..];
        Some(rest.strip_prefix("//").unwrap_or(rest))
    }

    /// Opens a PostgreSQL client (without TLS: `sslmode=require` in the URL is refused by the
    /// client rather than silently ignored).
    pub fn connect_postgres(&self) -> Result<postgres::Client, Error> {
        if self.backend != Backend::Postgres {
            return Err(Error::new(format!(
                "`{self}` is a {} url, not a postgres one",
                self.backend
            )));
        }
        postgres::Client::connect(&self.raw, postgres::NoTls).map_err(|e| {
            Error::new(format!(
                "cannot connect to `{self}`: {}",
                postgres_message(&e)
            ))
        })
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&redact(&self.raw))
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({})", redact(&self.raw))
    }
}

/// `url` with the password of its `user:password@` part replaced by `***`.
///
/// ```
/// assert_eq!(
///     gb_enums_live::connection::redact("mysql://root:hunter2@localhost/db"),
///     "mysql://root:***@localhost/db"
/// );
/// assert_eq!(gb_enums_live::connection::redact("sqlite://a:b@c.db"), "sqlite://a:***@c.db");
/// assert_eq!(gb_enums_live::connection::redact("postgres://localhost/db"), "postgres://localhost/db");
/// ```
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    // The last `@` ends the credentials: a password may itself hold `@` when not encoded.
    match authority.rsplit_once('@') {
        Some((creds, host)) => match creds.split_once(':') {
            Some((user, _)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// The most useful text of a client error: the server's message (and its detail and hint)
/// when there is one, else the client's own error and its source.
pub fn postgres_message(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let mut s = db.message().to_owned();
        if let Some(d) = db.detail() {
            s.push_str(": ");
            s.push_str(d);
        }
        if let Some(h) = db.hint() {
            s.push_str(" (hint: ");
            s.push_str(h);
            s.push(')');
        }
        return s;
    }
    let mut s = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        let text = inner.to_string();
        if !s.contains(&text) {
            s.push_str(": ");
            s.push_str(&text);
        }
        source = inner.source();
    }
    s
}
