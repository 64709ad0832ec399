//! SMALLINT-coded domain enums from one TOML registry.
//!
//! `schema.toml` lists every enum of an application with its stored numbers, names and
//! descriptions. [`registry!`] turns every entry into a Rust enum;
//! [`#[derive(GbEnum)]`](derive@GbEnum) checks a hand-written enum against its entry at
//! compile time. Both give the enum the [`GbEnum`] trait, `const fn` conversions,
//! `Display`/`FromStr`, `TryFrom<i16>`, ordering by value and, with the `serde` and `diesel`
//! features, serialization by name and SMALLINT columns.
//!
//! ```
//! gb_enums::registry!("../schema.toml");
//! use gb_enums::GbEnum;
//!
//! let status = TaskStatus::from_value(2)?;
//! assert_eq!(status, TaskStatus::Running);
//! assert_eq!(status.name(), "running");
//! assert_eq!("waiting_approval".parse::<TaskStatus>()?.value(), 4);
//! assert!(TaskStatus::Running < TaskStatus::Completed);
//! const COMPLETED: i16 = TaskStatus::Completed.value();
//! assert_eq!(COMPLETED, 5);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//! - `std` (default): `std::error::Error` for the errors. Without it the crate is `no_std`.
//! - `serde`: `Serialize`/`Deserialize` by name (or by number with `serde = "value"`).
//! - `diesel`: `ToSql`/`FromSql` for `SmallInt` and `Integer` on the backends enabled in
//!   Diesel by the application (`postgres`, `sqlite`, `mysql` features of this crate, also
//!   named `diesel-postgres`, `diesel-sqlite`, `diesel-mysql`), and the per-enum SQL type
//!   [`diesel::Enum`] for columns that accept one enum only.
//! - `sqlx-postgres`, `sqlx-sqlite`, `sqlx-mysql` (each implies `sqlx`): sqlx `Type`,
//!   `Encode` and `Decode` as a `SMALLINT` ([`sqlx`](mod@sqlx)).
//! - `sea-orm`: SeaORM model fields on `SMALLINT` columns ([`sea_orm`](mod@sea_orm)).
//! - `utoipa`: utoipa 5's `ToSchema` (OpenAPI), in the enum's serde form, with the values'
//!   names and descriptions.
//! - `schemars`: schemars 1's `JsonSchema`, in the enum's serde form, with the values'
//!   descriptions.
#![cfg_attr(not(feature = "std"), no_std)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

// Lets the generated code name `::gb_enums` inside this crate's own unit tests too.
extern crate self as gb_enums;

#[cfg(feature = "diesel")]
pub mod diesel;
mod error;
#[cfg(feature = "schemars")]
pub mod schemars;
#[cfg(feature = "sea-orm")]
pub mod sea_orm;
#[cfg(feature = "serde")]
pub mod serde;
#[cfg(feature = "sqlx")]
pub mod sqlx;
mod traits;
#[cfg(feature = "utoipa")]
pub mod utoipa;

pub use error::{OutOfRange, UnknownName, UnknownValue};
pub use traits::GbEnum;

/// Checks a hand-written enum against its registry entry at compile time and implements
/// [`GbEnum`] and the conversions for it.
///
/// The entry is the snake_case of the type name unless
/// `#[gb_enum(name = "...", registry = "path/schema.toml")]` says otherwise. A variant that is
/// missing, extra, misnamed or numbered differently from the registry is a compile error
/// pointing at it. An open enum marks its catch-all `#[gb_enum(other)] Unknown(i16)`.
///
/// ```
/// #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, gb_enums::GbEnum)]
/// #[gb_enum(registry = "../schema.toml")]
/// pub enum ExecutionMode { Manual, Supervised, Autonomous }
///
/// use gb_enums::GbEnum;
/// assert_eq!(ExecutionMode::Autonomous.value(), 2);
/// assert_eq!(ExecutionMode::from_name("manual"), Ok(ExecutionMode::Manual));
/// ```
pub use gb_enums_derive::GbEnum;

/// Generates every enum of a registry.
///
/// `registry!()` reads the nearest `schema.toml` (from the crate's directory upward, or the
/// file named by the `GB_ENUMS_REGISTRY` environment variable); `registry!("path")` reads
/// a path relative to the crate's `Cargo.toml`. Editing the registry rebuilds the crate.
///
/// ```
/// gb_enums::registry!("../schema.toml");
/// assert_eq!(ChannelType::Whatsapp.to_string(), "whatsapp");
/// assert_eq!(i16::from(MessageRole::Episodic), 9);
/// assert_eq!(ChannelType::try_from(42).unwrap_err().to_string(), "unknown channel_type value 42");
/// ```
pub use gb_enums_derive::registry;

#[doc(hidden)]
pub mod __private;
