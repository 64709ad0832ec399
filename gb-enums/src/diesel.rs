//! Diesel SMALLINT and INTEGER mappings (feature `diesel`).
//!
//! Every registry enum, generated or derived, gets with this feature:
//!
//! - `ToSql`/`FromSql` for `SmallInt` and `Integer` (the latter for columns not yet
//!   converted) on every backend that implements [`IntegerBackend`]: PostgreSQL, SQLite and
//!   MySQL with the `postgres`, `sqlite` and `mysql` features of this crate (`ToSql` for an
//!   enum that is `Debug`, which Diesel requires of it; generated enums are);
//! - `AsExpression` for `SmallInt`, `Nullable<SmallInt>`, `Integer` and `Nullable<Integer>`,
//!   for the enum and for references to it, so that it works in the query DSL
//!   (`auto_tasks::status.lt(TaskStatus::Completed)`, `.eq_any([..])`) and in
//!   `Insertable`/`AsChangeset` structs;
//! - `Queryable`, so that `TaskStatus` and `Option<TaskStatus>` load from columns.
//!
//! A stored number that the registry does not know is an error, never a panic: reading it
//! fails with an [`UnknownValue`](crate::UnknownValue) (or an [`OutOfRange`] for an `INTEGER` outside `i16`) that
//! names the enum and the number. Diesel may wrap it (for example in "Error deserializing
//! field"), keeping it as the `source()` of its own error. An open enum (`open = true`) reads
//! it as `Unknown(v)` instead and writes `v` back unchanged.
//!
//! ```
//! # #[cfg(feature = "sqlite")]
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! gb_enums::registry!("../schema.toml");
//! use diesel::prelude::*;
//!
//! diesel::table! {
//!     auto_tasks (id) {
//!         id -> Integer,
//!         status -> SmallInt,
//!         priority -> Nullable<SmallInt>,
//!     }
//! }
//!
//! let conn = &mut SqliteConnection::establish(":memory:")?;
//! diesel::sql_query("CREATE TABLE auto_tasks (id INTEGER PRIMARY KEY, status SMALLINT NOT NULL, priority SMALLINT)")
//!     .execute(conn)?;
//! diesel::insert_into(auto_tasks::table)
//!     .values(&[
//!         (auto_tasks::status.eq(TaskStatus::Running), auto_tasks::priority.eq(Some(TaskPriority::High))),
//!         (auto_tasks::status.eq(TaskStatus::Completed), auto_tasks::priority.eq(None)),
//!     ])
//!     .execute(conn)?;
//!
//! let active: Vec<(TaskStatus, Option<TaskPriority>)> = auto_tasks::table
//!     .filter(auto_tasks::status.lt(TaskStatus::Completed))
//!     .select((auto_tasks::status, auto_tasks::priority))
//!     .load(conn)?;
//! assert_eq!(active, [(TaskStatus::Running, Some(TaskPriority::High))]);
//!
//! // A number the registry does not know is an error: diesel names the column, and the
//! // error's source names the enum and the value.
//! diesel::sql_query("UPDATE auto_tasks SET status = 9").execute(conn)?;
//! let err = auto_tasks::table.select(auto_tasks::status).first::<TaskStatus>(conn).unwrap_err();
//! assert_eq!(err.to_string(), "Error deserializing field 'status'");
//! let mut cause: &dyn std::error::Error = &err;
//! while let Some(next) = cause.source() {
//!     cause = next;
//! }
//! assert_eq!(cause.to_string(), "unknown task_status value 9");
//! # Ok(())
//! # }
//! # #[cfg(not(feature = "sqlite"))]
//! # fn main() {}
//! ```
//!
//! (`table!` needs diesel as a dependency of the application itself; the generated enum code
//! does not: it reaches diesel through `gb-enums`.)
//!
//! # Columns that accept one enum only: [`Enum<E>`](Enum)
//!
//! A `SmallInt` column accepts any registry enum (`auto_tasks::status.eq(TaskPriority::High)`
//! compiles), since Diesel has one `SmallInt` SQL type. Declare the column as
//! `gb_enums::diesel::Enum<TaskStatus>` instead, and it accepts `TaskStatus` (and
//! `Option<TaskStatus>` when `Nullable`) only: another enum or a bare number is a compile
//! error. It is stored exactly as a `SmallInt` (same wire format, type metadata and
//! `SMALLINT[]` for `eq_any` on PostgreSQL), so a column can switch between the two without a
//! migration, and reads into an `i16` too.
//!
//! ```
//! gb_enums::registry!("../schema.toml");
//!
//! diesel::table! {
//!     use diesel::sql_types::*;
//!     use gb_enums::diesel::Enum;
//!     use super::{TaskPriority, TaskStatus};
//!
//!     auto_tasks (id) {
//!         id -> Integer,
//!         status -> Enum<TaskStatus>,
//!         priority -> Nullable<Enum<TaskPriority>>,
//!     }
//! }
//!
//! # #[cfg(feature = "sqlite")]
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     use diesel::prelude::*;
//!     let conn = &mut SqliteConnection::establish(":memory:")?;
//!     diesel::sql_query("CREATE TABLE auto_tasks (id INTEGER PRIMARY KEY, status SMALLINT NOT NULL, priority SMALLINT)")
//!         .execute(conn)?;
//!     diesel::insert_into(auto_tasks::table)
//!         .values((auto_tasks::status.eq(TaskStatus::Running), auto_tasks::priority.eq(TaskPriority::High)))
//!         .execute(conn)?;
//!     let row: (TaskStatus, Option<TaskPriority>, i16) = auto_tasks::table
//!         .filter(auto_tasks::status.lt(TaskStatus::Completed))
//!         .filter(auto_tasks::status.eq_any([TaskStatus::Running, TaskStatus::Paused]))
//!         .select((auto_tasks::status, auto_tasks::priority, auto_tasks::status))
//!         .first(conn)?;
//!     assert_eq!(row, (TaskStatus::Running, Some(TaskPriority::High), 2));
//!     // auto_tasks::status.eq(TaskPriority::High) does not compile: the trait bound
//!     // `TaskPriority: AsExpression<Enum<TaskStatus>>` is not satisfied.
//!     Ok(())
//! }
//! # #[cfg(not(feature = "sqlite"))]
//! # fn main() {}
//! ```
//!
//! `diesel print-schema` writes `Int2`/`SmallInt` for these columns; a `patch_file` in
//! `diesel.toml` turns the ones that store an enum into `Enum<...>` after each run:
//!
//! ```toml
//! [print_schema]
//! file = "src/schema.rs"
//! import_types = ["diesel::sql_types::*", "gb_enums::diesel::Enum", "crate::enums::*"]
//! patch_file = "src/schema.patch"   # `git diff src/schema.rs > src/schema.patch` after editing it once
//! ```
//!
//! Limits: the backend of diesel's `MultiConnection` derive is not an [`IntegerBackend`]: use
//! the concrete connections.

use core::fmt;
use core::marker::PhantomData;

use ::diesel::backend::Backend;
use ::diesel::deserialize::{self, FromSql};
use ::diesel::expression::{AsExpression, TypedExpressionType};
use ::diesel::query_builder::QueryId;
use ::diesel::serialize::{self, Output};
use ::diesel::sql_types::{is_nullable, SingleValue, SqlType};

use crate::GbEnum;

mod sealed {
    pub trait Sealed {}
}

/// A Diesel backend on which registry enums read and write `SmallInt` and `Integer` columns.
///
/// Implemented for `Pg`, `Sqlite` and `Mysql` when the `postgres`, `sqlite` and `mysql`
/// features of this crate are on. The generated `ToSql`/`FromSql` impls are generic over it,
/// so that one impl per enum serves every backend. It is sealed: its methods are how those
/// impls reach each backend's wire format, not an API.
///
/// A backend whose feature is off is reported in words, not as a bare "trait not
/// implemented": ``the Diesel backend `Sqlite` is not enabled in gb-enums``, with the feature
/// to turn on (`tests/fixtures/no_backend` shows the message).
#[diagnostic::on_unimplemented(
    message = "the Diesel backend `{Self}` is not enabled in gb-enums",
    label = "registry enums read and write `{Self}` only with the matching feature of gb-enums",
    note = "enable the feature of gb-enums named for this backend, `postgres` for `Pg`, `sqlite` for `Sqlite`, `mysql` for `Mysql`: `gb-enums = {{ version = \"0.1\", features = [\"diesel\", \"postgres\"] }}`"
)]
// The impls below are `#[inline]`: they run once per value loaded, and without it the call
// per value made a 1,000,000-row load of five enum columns 9-11% slower than raw `i16`s
// instead of 0-3% (BENCHMARKS.md, "Diesel load").
pub trait IntegerBackend: Backend + sealed::Sealed {
    /// Writes a `SmallInt` bind parameter.
    #[doc(hidden)]
    fn write_smallint(value: i16, out: &mut Output<'_, '_, Self>) -> serialize::Result;
    /// Writes an `Integer` bind parameter.
    #[doc(hidden)]
    fn write_integer(value: i32, out: &mut Output<'_, '_, Self>) -> serialize::Result;
    /// Reads a `SmallInt` value, widened so that the caller reports a number that does not
    /// fit instead of a truncated one.
    #[doc(hidden)]
    fn read_smallint(raw: Self::RawValue<'_>, key: &'static str) -> deserialize::Result<i64>;
    /// Reads an `Integer` value, widened.
    #[doc(hidden)]
    fn read_integer(raw: Self::RawValue<'_>, key: &'static str) -> deserialize::Result<i64>;
}

// Diesel's own `ToSql<SmallInt, _> for i16` takes `&'b i16`, a reference that must live as
// long as the bind buffer, which a temporary `self.value()` does not. So each backend's
// encoding is written here the way diesel 2.3 writes it for `i16`/`i32`.

#[cfg(feature = "postgres")]
mod pg {
    use std::io::Write;

    use ::diesel::deserialize::{self, FromSql};
    use ::diesel::pg::{Pg, PgValue};
    use ::diesel::serialize::{self, IsNull, Output};
    use ::diesel::sql_types::{Integer, SmallInt};

    impl super::sealed::Sealed for Pg {}

    /// The binary protocol: big-endian, exactly 2 or 4 bytes.
    impl super::IntegerBackend for Pg {
        #[inline]
        fn write_smallint(value: i16, out: &mut Output<'_, '_, Pg>) -> serialize::Result {
            out.write_all(&value.to_be_bytes())?;
            Ok(IsNull::No)
        }

        #[inline]
        fn write_integer(value: i32, out: &mut Output<'_, '_, Pg>) -> serialize::Result {
            out.write_all(&value.to_be_bytes())?;
            Ok(IsNull::No)
        }

        #[inline]
        fn read_smallint(raw: PgValue<'_>, _key: &'static str) -> deserialize::Result<i64> {
            <i16 as FromSql<SmallInt, Pg>>::from_sql(raw).map(i64::from)
        }

        #[inline]
        fn read_integer(raw: PgValue<'_>, _key: &'static str) -> deserialize::Result<i64> {
            <i32 as FromSql<Integer, Pg>>::from_sql(raw).map(i64::from)
        }
    }
}

#[cfg(feature = "mysql")]
mod mysql {
    use std::io::Write;

    use ::diesel::deserialize::{self, FromSql};
    use ::diesel::mysql::{Mysql, MysqlValue};
    use ::diesel::serialize::{self, IsNull, Output};
    use ::diesel::sql_types::BigInt;

    impl super::sealed::Sealed for Mysql {}

    /// Native-endian bytes, typed by the bind's metadata; reads accept every integer
    /// representation the server sends (`TINYINT` .. `BIGINT`, signed or not).
    impl super::IntegerBackend for Mysql {
        #[inline]
        fn write_smallint(value: i16, out: &mut Output<'_, '_, Mysql>) -> serialize::Result {
            out.write_all(&value.to_ne_bytes())?;
            Ok(IsNull::No)
        }

        #[inline]
        fn write_integer(value: i32, out: &mut Output<'_, '_, Mysql>) -> serialize::Result {
            out.write_all(&value.to_ne_bytes())?;
            Ok(IsNull::No)
        }

        #[inline]
        fn read_smallint(raw: MysqlValue<'_>, _key: &'static str) -> deserialize::Result<i64> {
            <i64 as FromSql<BigInt, Mysql>>::from_sql(raw)
        }

        #[inline]
        fn read_integer(raw: MysqlValue<'_>, _key: &'static str) -> deserialize::Result<i64> {
            <i64 as FromSql<BigInt, Mysql>>::from_sql(raw)
        }
    }
}

#[cfg(feature = "sqlite")]
mod sqlite {
    use ::diesel::deserialize;
    use ::diesel::serialize::{self, IsNull, Output};
    use ::diesel::sqlite::{Sqlite, SqliteType, SqliteValue};

    impl super::sealed::Sealed for Sqlite {}

    /// SQLite stores 64-bit integers whatever the declared type, and diesel's own
    /// `FromSql<SmallInt, Sqlite> for i16` truncates (70000 would read as 4464) and reads a
    /// text such as a legacy `'running'` as 0. Both would turn into a wrong variant, so
    /// values are read as `i64` and anything but an integer is refused.
    impl super::IntegerBackend for Sqlite {
        #[inline]
        fn write_smallint(value: i16, out: &mut Output<'_, '_, Sqlite>) -> serialize::Result {
            out.set_value(i32::from(value));
            Ok(IsNull::No)
        }

        #[inline]
        fn write_integer(value: i32, out: &mut Output<'_, '_, Sqlite>) -> serialize::Result {
            out.set_value(value);
            Ok(IsNull::No)
        }

        #[inline]
        fn read_smallint(
            raw: SqliteValue<'_, '_, '_>,
            key: &'static str,
        ) -> deserialize::Result<i64> {
            read(raw, key)
        }

        #[inline]
        fn read_integer(
            raw: SqliteValue<'_, '_, '_>,
            key: &'static str,
        ) -> deserialize::Result<i64> {
            read(raw, key)
        }
    }

    fn read(mut raw: SqliteValue<'_, '_, '_>, key: &'static str) -> deserialize::Result<i64> {
        match raw.value_type() {
            Some(SqliteType::Long) => Ok(raw.read_long()),
            Some(SqliteType::Text) => Err(format!(
                "unknown {key} value `{}` (stored as text, not an integer)",
                raw.read_text()
            )
            .into()),
            Some(SqliteType::Double) => Err(format!(
                "unknown {key} value {} (stored as a real number, not an integer)",
                raw.read_double()
            )
            .into()),
            _ => Err(format!("unknown {key} value (stored as a blob, not an integer)").into()),
        }
    }
}

/// Re-exported from the crate root, where it is shared with the sqlx integration.
pub use crate::OutOfRange;

/// The SQL type of a column that stores the registry enum `E`: a `SMALLINT` that accepts `E`
/// only (see the [module](self) docs).
///
/// Use it in `diesel::table!` (`status -> Enum<TaskStatus>`, `Nullable<Enum<TaskStatus>>`).
/// Every registry enum implements `AsExpression`, `ToSql` and `FromSql` for its own `Enum`,
/// and `i16` reads from any; another enum, or a number, does not compile where an
/// `Enum<TaskStatus>` is expected:
///
/// ```compile_fail
/// gb_enums::registry!("../schema.toml");
/// diesel::table! {
///     use diesel::sql_types::*;
///     use gb_enums::diesel::Enum;
///     use super::TaskStatus;
///     auto_tasks (id) {
///         id -> Integer,
///         status -> Enum<TaskStatus>,
///     }
/// }
/// fn main() {
///     use diesel::ExpressionMethods;
///     let _ = auto_tasks::status.eq(TaskPriority::High);
/// }
/// ```
pub struct Enum<E>(PhantomData<fn() -> E>);

// By hand: derived impls would require them of `E`.
impl<E> Clone for Enum<E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E> Copy for Enum<E> {}
impl<E> Default for Enum<E> {
    fn default() -> Self {
        Enum(PhantomData)
    }
}
impl<E: GbEnum> fmt::Debug for Enum<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Enum<{}>", E::KEY)
    }
}

impl<E: GbEnum> SqlType for Enum<E> {
    type IsNull = is_nullable::NotNull;
}

impl<E: GbEnum> SingleValue for Enum<E> {}

impl<E: GbEnum> QueryId for Enum<E> {
    type QueryId = Self;
    const HAS_STATIC_QUERY_ID: bool = true;
}

/// The type metadata of `SmallInt` for every `Enum<E>` on each backend, so that binds and
/// results are typed exactly as for a `SmallInt` column.
macro_rules! smallint_metadata {
    ($backend:ty) => {
        impl<E: GbEnum> ::diesel::sql_types::HasSqlType<Enum<E>> for $backend {
            #[inline]
            fn metadata(
                lookup: &mut <$backend as ::diesel::sql_types::TypeMetadata>::MetadataLookup,
            ) -> <$backend as ::diesel::sql_types::TypeMetadata>::TypeMetadata {
                <$backend as ::diesel::sql_types::HasSqlType<::diesel::sql_types::SmallInt>>::metadata(
                    lookup,
                )
            }
        }
    };
}

#[cfg(feature = "postgres")]
smallint_metadata!(::diesel::pg::Pg);
#[cfg(feature = "sqlite")]
smallint_metadata!(::diesel::sqlite::Sqlite);
#[cfg(feature = "mysql")]
smallint_metadata!(::diesel::mysql::Mysql);

/// Any `Enum<E>` column reads into an `i16`, the number stored (a `SmallInt` column does too).
impl<E: GbEnum, DB: IntegerBackend> FromSql<Enum<E>, DB> for i16 {
    #[inline]
    fn from_sql(raw: DB::RawValue<'_>) -> deserialize::Result<i16> {
        let wide = DB::read_smallint(raw, E::KEY)?;
        Ok(i16::try_from(wide).map_err(|_| crate::OutOfRange::new(E::KEY, wide))?)
    }
}

/// The variant of a number read from the database: an [`OutOfRange`] or
/// [`UnknownValue`](crate::UnknownValue) error when it is none.
#[inline]
fn decode<E: GbEnum>(wide: i64) -> deserialize::Result<E> {
    crate::error::decode_wide(wide)
}

/// `FromSql<SmallInt, DB>` of a registry enum.
#[doc(hidden)]
#[inline]
pub fn from_smallint<E: GbEnum, DB: IntegerBackend>(
    raw: DB::RawValue<'_>,
) -> deserialize::Result<E> {
    decode(DB::read_smallint(raw, E::KEY)?)
}

/// `FromSql<Integer, DB>` of a registry enum.
#[doc(hidden)]
#[inline]
pub fn from_integer<E: GbEnum, DB: IntegerBackend>(
    raw: DB::RawValue<'_>,
) -> deserialize::Result<E> {
    decode(DB::read_integer(raw, E::KEY)?)
}

/// `AsExpression<ST>` of a registry enum: the bound number, as for a plain `i16`/`i32`.
/// Binding the number rather than the enum keeps queries independent of the enum's `ToSql`.
#[doc(hidden)]
#[inline]
pub fn bind<E, I, ST>(e: &E) -> <I as AsExpression<ST>>::Expression
where
    E: GbEnum,
    I: From<i16> + AsExpression<ST>,
    ST: SqlType + TypedExpressionType,
{
    I::from(e.value()).as_expression()
}

/// The Diesel impls of one enum, called by the generated code.
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_diesel {
    ($ty:ident, $serde_mode:ident) => {
        // Absolute primitive paths: these tokens are resolved where the macro is expanded,
        // and a user's `struct i16;` there would shadow a bare `i16` (tests/tests/hygiene.rs).
        $crate::__impl_diesel_sql_type!(
            $ty,
            SmallInt,
            ::core::primitive::i16,
            write_smallint,
            from_smallint
        );
        $crate::__impl_diesel_sql_type!(
            $ty,
            Integer,
            ::core::primitive::i32,
            write_integer,
            from_integer
        );
        $crate::__impl_diesel_enum_type!($ty);

        #[automatically_derived]
        impl<__DB, __ST> $crate::__private::diesel::deserialize::Queryable<__ST, __DB> for $ty
        where
            __DB: $crate::__private::diesel::backend::Backend,
            __ST: $crate::__private::diesel::sql_types::SingleValue,
            $ty: $crate::__private::diesel::deserialize::FromSql<__ST, __DB>,
        {
            type Row = $ty;
            #[inline]
            fn build(row: $ty) -> $crate::__private::diesel::deserialize::Result<$ty> {
                ::core::result::Result::Ok(row)
            }
        }
    };
}

/// The impls of one enum for one SQL type `$st` (stored as `$int`).
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_diesel_sql_type {
    ($ty:ident, $st:ident, $int:ty, $write:ident, $read:ident) => {
        $crate::__impl_diesel_as_expression!($ty, $crate::__private::diesel::sql_types::$st, $int);
        $crate::__impl_diesel_as_expression!(
            $ty,
            $crate::__private::diesel::sql_types::Nullable<
                $crate::__private::diesel::sql_types::$st,
            >,
            $int
        );

        #[automatically_derived]
        impl<__DB>
            $crate::__private::diesel::serialize::ToSql<
                $crate::__private::diesel::sql_types::$st,
                __DB,
            > for $ty
        where
            __DB: $crate::diesel::IntegerBackend,
            // `ToSql` requires `Debug`, which `GbEnum` leaves to the application: the impl
            // exists for an enum that is `Debug` (a `for<'_>` bound, which rustc checks per
            // use rather than rejecting the impl when it does not hold).
            for<'__gb> $ty: ::core::fmt::Debug,
        {
            #[inline]
            fn to_sql<'__b>(
                &'__b self,
                out: &mut $crate::__private::diesel::serialize::Output<'__b, '_, __DB>,
            ) -> $crate::__private::diesel::serialize::Result {
                <__DB as $crate::diesel::IntegerBackend>::$write(
                    ::core::convert::From::from($crate::__private::value_of::<$ty>(self)),
                    out,
                )
            }
        }

        #[automatically_derived]
        impl<__DB>
            $crate::__private::diesel::serialize::ToSql<
                $crate::__private::diesel::sql_types::Nullable<
                    $crate::__private::diesel::sql_types::$st,
                >,
                __DB,
            > for $ty
        where
            __DB: $crate::diesel::IntegerBackend,
            // `ToSql` requires `Debug`, which `GbEnum` leaves to the application: the impl
            // exists for an enum that is `Debug` (a `for<'_>` bound, which rustc checks per
            // use rather than rejecting the impl when it does not hold).
            for<'__gb> $ty: ::core::fmt::Debug,
        {
            #[inline]
            fn to_sql<'__b>(
                &'__b self,
                out: &mut $crate::__private::diesel::serialize::Output<'__b, '_, __DB>,
            ) -> $crate::__private::diesel::serialize::Result {
                <__DB as $crate::diesel::IntegerBackend>::$write(
                    ::core::convert::From::from($crate::__private::value_of::<$ty>(self)),
                    out,
                )
            }
        }

        #[automatically_derived]
        impl<__DB>
            $crate::__private::diesel::deserialize::FromSql<
                $crate::__private::diesel::sql_types::$st,
                __DB,
            > for $ty
        where
            __DB: $crate::diesel::IntegerBackend,
        {
            #[inline]
            fn from_sql(
                raw: <__DB as $crate::__private::diesel::backend::Backend>::RawValue<'_>,
            ) -> $crate::__private::diesel::deserialize::Result<$ty> {
                $crate::diesel::$read::<$ty, __DB>(raw)
            }
        }
    };
}

/// `AsExpression<$st>` for the enum, `&E` and `&&E`, as diesel's own derive writes them.
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_diesel_as_expression {
    ($ty:ident, $st:ty, $int:ty) => {
        #[automatically_derived]
        impl $crate::__private::diesel::expression::AsExpression<$st> for $ty {
            type Expression =
                <$int as $crate::__private::diesel::expression::AsExpression<$st>>::Expression;
            #[inline]
            fn as_expression(
                self,
            ) -> <$int as $crate::__private::diesel::expression::AsExpression<$st>>::Expression
            {
                $crate::diesel::bind::<$ty, $int, $st>(&self)
            }
        }

        #[automatically_derived]
        impl<'__e> $crate::__private::diesel::expression::AsExpression<$st> for &'__e $ty {
            type Expression =
                <$int as $crate::__private::diesel::expression::AsExpression<$st>>::Expression;
            #[inline]
            fn as_expression(
                self,
            ) -> <$int as $crate::__private::diesel::expression::AsExpression<$st>>::Expression
            {
                $crate::diesel::bind::<$ty, $int, $st>(self)
            }
        }

        #[automatically_derived]
        #[diagnostic::do_not_recommend]
        impl<'__e, '__f> $crate::__private::diesel::expression::AsExpression<$st>
            for &'__f &'__e $ty
        {
            type Expression =
                <$int as $crate::__private::diesel::expression::AsExpression<$st>>::Expression;
            #[inline]
            fn as_expression(
                self,
            ) -> <$int as $crate::__private::diesel::expression::AsExpression<$st>>::Expression
            {
                $crate::diesel::bind::<$ty, $int, $st>(*self)
            }
        }
    };
}

/// The impls of one enum for its own SQL type `Enum<$ty>`: written like a `SmallInt`, bound as
/// the enum itself (diesel's `Bound`, as its `AsExpression` derive does) since no other type
/// may stand for it.
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_diesel_enum_type {
    ($ty:ident) => {
        $crate::__impl_diesel_enum_expression!($ty, $crate::diesel::Enum<$ty>);
        $crate::__impl_diesel_enum_expression!(
            $ty,
            $crate::__private::diesel::sql_types::Nullable<$crate::diesel::Enum<$ty>>
        );

        $crate::__impl_diesel_enum_to_sql!($ty, $crate::diesel::Enum<$ty>);
        $crate::__impl_diesel_enum_to_sql!(
            $ty,
            $crate::__private::diesel::sql_types::Nullable<$crate::diesel::Enum<$ty>>
        );

        #[automatically_derived]
        impl<__DB> $crate::__private::diesel::deserialize::FromSql<$crate::diesel::Enum<$ty>, __DB>
            for $ty
        where
            __DB: $crate::diesel::IntegerBackend,
        {
            #[inline]
            fn from_sql(
                raw: <__DB as $crate::__private::diesel::backend::Backend>::RawValue<'_>,
            ) -> $crate::__private::diesel::deserialize::Result<$ty> {
                $crate::diesel::from_smallint::<$ty, __DB>(raw)
            }
        }
    };
}

/// `ToSql<$st>` for the enum, written like a `SmallInt` (`$st` is `Enum<$ty>` or its
/// `Nullable`).
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_diesel_enum_to_sql {
    ($ty:ident, $st:ty) => {
        #[automatically_derived]
        impl<__DB> $crate::__private::diesel::serialize::ToSql<$st, __DB> for $ty
        where
            __DB: $crate::diesel::IntegerBackend,
            // `ToSql` requires `Debug`, which `GbEnum` leaves to the application (see
            // `__impl_diesel_sql_type!`): a `for<'_>` bound is checked per use.
            for<'__gb> $ty: ::core::fmt::Debug,
        {
            #[inline]
            fn to_sql<'__b>(
                &'__b self,
                out: &mut $crate::__private::diesel::serialize::Output<'__b, '_, __DB>,
            ) -> $crate::__private::diesel::serialize::Result {
                <__DB as $crate::diesel::IntegerBackend>::write_smallint(
                    $crate::__private::value_of::<$ty>(self),
                    out,
                )
            }
        }
    };
}

/// `AsExpression<$st>` for the enum, `&E` and `&&E`, bound as the enum.
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_diesel_enum_expression {
    ($ty:ident, $st:ty) => {
        #[automatically_derived]
        impl $crate::__private::diesel::expression::AsExpression<$st> for $ty {
            type Expression =
                $crate::__private::diesel::internal::derives::as_expression::Bound<$st, $ty>;
            #[inline]
            fn as_expression(
                self,
            ) -> <Self as $crate::__private::diesel::expression::AsExpression<$st>>::Expression
            {
                $crate::__private::diesel::internal::derives::as_expression::Bound::new(self)
            }
        }

        #[automatically_derived]
        impl<'__e> $crate::__private::diesel::expression::AsExpression<$st> for &'__e $ty {
            type Expression =
                $crate::__private::diesel::internal::derives::as_expression::Bound<$st, $ty>;
            #[inline]
            fn as_expression(
                self,
            ) -> <Self as $crate::__private::diesel::expression::AsExpression<$st>>::Expression
            {
                $crate::__private::diesel::internal::derives::as_expression::Bound::new(
                    $crate::__private::copied::<$ty>(self),
                )
            }
        }

        #[automatically_derived]
        #[diagnostic::do_not_recommend]
        impl<'__e, '__f> $crate::__private::diesel::expression::AsExpression<$st>
            for &'__f &'__e $ty
        {
            type Expression =
                $crate::__private::diesel::internal::derives::as_expression::Bound<$st, $ty>;
            #[inline]
            fn as_expression(
                self,
            ) -> <Self as $crate::__private::diesel::expression::AsExpression<$st>>::Expression
            {
                $crate::__private::diesel::internal::derives::as_expression::Bound::new(
                    $crate::__private::copied::<$ty>(*self),
                )
            }
        }
    };
}
