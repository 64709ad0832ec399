//! [gb-enums](https://docs.rs/gb-enums) against a live database.
//!
//! The core crate, `gb-enums-codegen`, never opens a connection: it turns `schema.toml` into
//! code and SQL text. Everything that talks to a running database lives here and is used by
//! the `gb-enums` command-line tool only, so applications and the proc macros never compile a
//! database client.
//!
//! - [`connection`]: a database URL to a client, with errors that say what to fix;
//! - [`progress`]: a progress bar on a terminal, plain progress lines otherwise;
//! - [`audit`]: `gb-enums audit`, the registry compared with a live schema (read-only).
//!
//! ```
//! use gb_enums_live::connection::{Backend, DatabaseUrl};
//!
//! let url = DatabaseUrl::parse("postgres://app:secret@db.internal:5432/prod").unwrap();
//! assert_eq!(url.backend(), Backend::Postgres);
//! // Messages never show the password.
//! assert_eq!(url.to_string(), "postgres://app:***@db.internal:5432/prod");
//! ```
#![deny(missing_docs)]

pub mod audit;
pub mod connection;
pub mod online;
pub mod progress;

pub use connection::Error;
