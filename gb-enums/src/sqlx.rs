//! sqlx `Type`, `Encode` and `Decode` (features `sqlx-postgres`, `sqlx-sqlite`, `sqlx-mysql`).
//!
//! Every registry enum, generated or derived, is with these features a sqlx type stored as a
//! `SMALLINT` on every database sqlx is built for (the impls are generic over the database;
//! PostgreSQL, SQLite and MySQL/MariaDB are tested):
//!
//! - `.bind(TaskStatus::Running)` binds the number, typed as sqlx types an `i16`;
//! - `#[derive(sqlx::FromRow)]` structs, `query_as`, `query_scalar` and `Row::try_get` read
//!   it from `SMALLINT` columns and, for columns not yet converted, `INTEGER` ones;
//!   `Option<TaskStatus>` reads NULL as `None`;
//! - `query!`/`query_as!` read it through the override `status AS "status: TaskStatus"` (or
//!   `"status?: TaskStatus"` for a nullable column) and take it as a parameter through
//!   `TaskStatus::Running as _`;
//! - on PostgreSQL, slices and `Vec`s bind as `SMALLINT[]` (`status = ANY($1)`) and read back.
//!
//! A stored number that the registry does not know is an error, never a panic or another
//! variant: sqlx reports "error occurred while decoding column ..." whose source is the
//! [`UnknownValue`](crate::UnknownValue) (`unknown task_status value 9`), or an
//! [`OutOfRange`](crate::OutOfRange) for an `INTEGER` beyond `i16`, or, for a value that is no
//! integer at all (SQLite keeps a legacy `'running'` in a `SMALLINT` column), a message naming
//! the enum and the stored type. An open enum (`open = true`) reads the number as
//! `Unknown(v)` and writes `v` back.
//!
//! ```
//! # #[cfg(feature = "sqlx-sqlite")]
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! gb_enums::registry!("../schema.toml");
//! use sqlx::{Connection, Row};
//!
//! #[derive(sqlx::FromRow, Debug, PartialEq)]
//! struct Task {
//!     id: i64,
//!     status: TaskStatus,
//!     priority: Option<TaskPriority>,
//! }
//!
//! let mut conn = sqlx::SqliteConnection::connect("sqlite::memory:").await?;
//! sqlx::query("CREATE TABLE tasks (id INTEGER PRIMARY KEY, status SMALLINT NOT NULL, priority SMALLINT)")
//!     .execute(&mut conn)
//!     .await?;
//! sqlx::query("INSERT INTO tasks (status, priority) VALUES (?, ?), (?, ?)")
//!     .bind(TaskStatus::Running)
//!     .bind(Some(TaskPriority::High))
//!     .bind(TaskStatus::Completed)
//!     .bind(None::<TaskPriority>)
//!     .execute(&mut conn)
//!     .await?;
//!
//! let active: Vec<Task> = sqlx::query_as("SELECT id, status, priority FROM tasks WHERE status < ?")
//!     .bind(TaskStatus::Completed)
//!     .fetch_all(&mut conn)
//!     .await?;
//! assert_eq!(active, [Task { id: 1, status: TaskStatus::Running, priority: Some(TaskPriority::High) }]);
//!
//! // A number the registry does not know is an error whose source names enum and value.
//! sqlx::query("UPDATE tasks SET status = 9").execute(&mut conn).await?;
//! let row = sqlx::query("SELECT status FROM tasks").fetch_one(&mut conn).await?;
//! let err = row.try_get::<TaskStatus, _>("status").unwrap_err();
//! let source = std::error::Error::source(&err).unwrap();
//! assert_eq!(source.to_string(), "unknown task_status value 9");
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "sqlx-sqlite"))]
//! # fn main() {}
//! ```
//!
//! The generated code reaches sqlx through `gb-enums`; the application depends on sqlx itself
//! for connections, a runtime and the macros. The features of this crate only switch sqlx's
//! backends on, with no runtime, TLS or macros of their own. For `query!` in CI, commit the
//! offline data (`.sqlx/`, written by `cargo sqlx prepare`, or by any build with
//! `SQLX_OFFLINE_DIR` set) so that compiling needs no database.

use std::borrow::Cow;

use ::sqlx::encode::IsNull;
use ::sqlx::error::BoxDynError;
use ::sqlx::{Database, Decode, Encode, Type, TypeInfo, ValueRef};

use crate::GbEnum;

/// `Type::type_info` of a registry enum: that of an `i16` (`SMALLINT`, `INT2`).
#[doc(hidden)]
#[inline]
pub fn type_info<DB: Database>() -> DB::TypeInfo
where
    i16: Type<DB>,
{
    <i16 as Type<DB>>::type_info()
}

/// `Type::compatible` of a registry enum: `SMALLINT` and `INTEGER` columns (on SQLite and
/// MySQL, sqlx's `i16` already accepts every integer type, whose range `decode` checks).
#[doc(hidden)]
#[inline]
pub fn compatible<DB: Database>(ty: &DB::TypeInfo) -> bool
where
    i16: Type<DB>,
    i32: Type<DB>,
{
    <i16 as Type<DB>>::compatible(ty) || <i32 as Type<DB>>::compatible(ty)
}

/// `Encode::encode_by_ref` of a registry enum: its number, as sqlx encodes an `i16`.
#[doc(hidden)]
#[inline]
pub fn encode<'q, E: GbEnum, DB: Database>(
    e: E,
    buf: &mut DB::ArgumentBuffer,
) -> Result<IsNull, BoxDynError>
where
    i16: Encode<'q, DB>,
{
    <i16 as Encode<'q, DB>>::encode_by_ref(&e.value(), buf)
}

/// `Decode::decode` of a registry enum.
///
/// The number is read as an `i64`, so that one beyond `i16` is reported as it is rather than
/// truncated. Its type is checked first: `query!` reads with `try_get_unchecked`, and sqlx's
/// SQLite driver reads a text such as a legacy `'running'` as the integer 0, which would be
/// another variant.
#[doc(hidden)]
#[inline]
pub fn decode<'r, E: GbEnum, DB: Database>(value: DB::ValueRef<'r>) -> Result<E, BoxDynError>
where
    i16: Type<DB>,
    i32: Type<DB>,
    i64: Decode<'r, DB>,
{
    if !value.is_null() {
        let ty: Cow<'_, DB::TypeInfo> = value.type_info();
        if !compatible::<DB>(&ty) {
            return Err(NotAnInteger {
                key: E::KEY,
                type_name: ty.name().to_owned(),
            }
            .into());
        }
    }
    crate::error::decode_wide(<i64 as Decode<'r, DB>>::decode(value)?)
}

/// A value stored with a type that is not an integer, such as a legacy text on SQLite.
#[derive(Debug)]
struct NotAnInteger {
    key: &'static str,
    type_name: String,
}

impl std::fmt::Display for NotAnInteger {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "unknown {} value of SQL type {} (not an integer)",
            self.key, self.type_name
        )
    }
}

impl std::error::Error for NotAnInteger {}

/// The sqlx impls of one enum, called by the generated code.
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_sqlx {
    ($ty:ident, $serde_mode:ident) => {
        #[automatically_derived]
        impl<__DB> $crate::__private::sqlx::Type<__DB> for $ty
        where
            __DB: $crate::__private::sqlx::Database,
            ::core::primitive::i16: $crate::__private::sqlx::Type<__DB>,
            ::core::primitive::i32: $crate::__private::sqlx::Type<__DB>,
        {
            #[inline]
            fn type_info() -> <__DB as $crate::__private::sqlx::Database>::TypeInfo {
                $crate::sqlx::type_info::<__DB>()
            }

            #[inline]
            fn compatible(
                ty: &<__DB as $crate::__private::sqlx::Database>::TypeInfo,
            ) -> ::core::primitive::bool {
                $crate::sqlx::compatible::<__DB>(ty)
            }
        }

        #[automatically_derived]
        impl<'__q, __DB> $crate::__private::sqlx::Encode<'__q, __DB> for $ty
        where
            __DB: $crate::__private::sqlx::Database,
            ::core::primitive::i16: $crate::__private::sqlx::Encode<'__q, __DB>,
        {
            #[inline]
            fn encode_by_ref(
                &self,
                buf: &mut <__DB as $crate::__private::sqlx::Database>::ArgumentBuffer,
            ) -> ::core::result::Result<
                $crate::__private::sqlx::encode::IsNull,
                $crate::__private::sqlx::error::BoxDynError,
            > {
                $crate::sqlx::encode::<$ty, __DB>($crate::__private::copied::<$ty>(self), buf)
            }
        }

        #[automatically_derived]
        impl<'__r, __DB> $crate::__private::sqlx::Decode<'__r, __DB> for $ty
        where
            __DB: $crate::__private::sqlx::Database,
            ::core::primitive::i16: $crate::__private::sqlx::Type<__DB>,
            ::core::primitive::i32: $crate::__private::sqlx::Type<__DB>,
            ::core::primitive::i64: $crate::__private::sqlx::Decode<'__r, __DB>,
        {
            #[inline]
            fn decode(
                value: <__DB as $crate::__private::sqlx::Database>::ValueRef<'__r>,
            ) -> ::core::result::Result<$ty, $crate::__private::sqlx::error::BoxDynError> {
                $crate::sqlx::decode::<$ty, __DB>(value)
            }
        }

        $crate::__impl_sqlx_postgres!($ty);
    };
}

/// `PgHasArrayType` of one enum: `SMALLINT[]`, so that `status = ANY($1)` binds a slice.
#[cfg(feature = "sqlx-postgres")]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_sqlx_postgres {
    ($ty:ident) => {
        #[automatically_derived]
        impl $crate::__private::sqlx::postgres::PgHasArrayType for $ty {
            #[inline]
            fn array_type_info() -> $crate::__private::sqlx::postgres::PgTypeInfo {
                <::core::primitive::i16 as $crate::__private::sqlx::postgres::PgHasArrayType>::array_type_info()
            }

            #[inline]
            fn array_compatible(ty: &$crate::__private::sqlx::postgres::PgTypeInfo) -> ::core::primitive::bool {
                <::core::primitive::i16 as $crate::__private::sqlx::postgres::PgHasArrayType>::array_compatible(ty)
                    || <::core::primitive::i32 as $crate::__private::sqlx::postgres::PgHasArrayType>::array_compatible(ty)
            }
        }
    };
}

#[cfg(not(feature = "sqlx-postgres"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_sqlx_postgres {
    ($ty:ident) => {};
}
