//! SeaORM model fields on `SMALLINT` columns (feature `sea-orm`).
//!
//! Every registry enum, generated or derived, implements what SeaORM's own
//! `#[derive(DeriveActiveEnum)] #[sea_orm(rs_type = "i16", db_type = "SmallInteger")]` would:
//! [`ActiveEnum`](::sea_orm::ActiveEnum) with `Value = i16`, `ValueType` (column type
//! `SmallInteger`), `TryGetable`, `Nullable`, `Iterable` (over `ALL`) and
//! `From<E> for sea_query::Value`. So the enum can be a field of a `DeriveEntityModel` model
//! (`Option<E>` for a nullable column), be `Set` in an `ActiveModel`, and be compared in
//! filters (`task::Column::Status.eq(TaskStatus::Running)`, `.lt(..)`, `.is_in([..])`), on
//! every backend SeaORM runs on. It is a SMALLINT, never a PostgreSQL `CREATE TYPE` enum
//! (`Schema::create_table_from_entity` declares the column `smallint`), and an `i16` rather
//! than an `i8`, which sqlx would send to PostgreSQL as a `"char"` (sea-orm#1673).
//!
//! A stored number that the registry does not know is an error: SeaORM's
//! `DbErr::TryIntoErr` ("Error converting `SMALLINT` into `task_status`: unknown task_status
//! value 9"), whose source is the [`UnknownValue`](crate::UnknownValue). An open enum reads it
//! as `Unknown(v)` and writes `v` back.
//!
//! ```
//! gb_enums::registry!("../schema.toml");
//!
//! mod task {
//!     use sea_orm::entity::prelude::*;
//!
//!     #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
//!     #[sea_orm(table_name = "auto_tasks")]
//!     pub struct Model {
//!         #[sea_orm(primary_key)]
//!         pub id: i32,
//!         pub status: super::TaskStatus,
//!         pub risk: Option<super::RiskLevel>,
//!     }
//!
//!     #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
//!     pub enum Relation {}
//!
//!     impl ActiveModelBehavior for ActiveModel {}
//! }
//!
//! fn main() {
//!     use sea_orm::{ColumnTrait, DbBackend, EntityTrait, QueryFilter, QueryTrait};
//!     let query = task::Entity::find()
//!         .filter(task::Column::Status.lt(TaskStatus::Completed))
//!         .filter(task::Column::Risk.is_in([RiskLevel::High, RiskLevel::Critical]))
//!         .build(DbBackend::Postgres);
//!     assert!(query.sql.ends_with(r#"WHERE "auto_tasks"."status" < $1 AND "auto_tasks"."risk" IN ($2, $3)"#));
//!     assert_eq!(query.values.unwrap().0, [5i16.into(), 3i16.into(), 4i16.into()]);
//! }
//! ```
//!
//! The generated code reaches SeaORM through `gb-enums`; the application depends on SeaORM
//! itself for its derives, a driver and a runtime. A hand-written enum that already derives
//! `strum::EnumIter` (SeaORM's `Iterable`) keeps it with `#[gb_enum(skip(sea_orm))]`, and then
//! implements the SeaORM traits itself.

use std::sync::Arc;

use ::sea_orm::sea_query::{ArrayType, ColumnType, Value, ValueType, ValueTypeErr};
use ::sea_orm::{ColIdx, DbErr, QueryResult, TryGetError, TryGetable};

use crate::GbEnum;

/// `From<E> for Value`: the number, as a `SMALLINT`.
#[doc(hidden)]
#[inline]
pub fn value<E: GbEnum>(e: E) -> Value {
    Value::SmallInt(Some(e.value()))
}

/// `Nullable::null`: a `SMALLINT` NULL.
#[doc(hidden)]
#[inline]
pub fn null() -> Value {
    Value::SmallInt(None)
}

/// `ValueType::try_from`: a `SMALLINT` value the registry knows.
#[doc(hidden)]
#[inline]
pub fn try_from_value<E: GbEnum>(v: Value) -> Result<E, ValueTypeErr> {
    E::from_value(<i16 as ValueType>::try_from(v)?).map_err(|_| ValueTypeErr)
}

/// `ValueType::array_type`.
#[doc(hidden)]
#[inline]
pub fn array_type() -> ArrayType {
    ArrayType::SmallInt
}

/// `ValueType::column_type`.
#[doc(hidden)]
#[inline]
pub fn column_type() -> ColumnType {
    ColumnType::SmallInteger
}

/// `ActiveEnum::try_from_value`: the variant of a number, or SeaORM's conversion error whose
/// source is the [`UnknownValue`](crate::UnknownValue).
#[doc(hidden)]
#[inline]
pub fn from_number<E: GbEnum>(v: i16) -> Result<E, DbErr> {
    E::from_value(v).map_err(|e| DbErr::TryIntoErr {
        from: "SMALLINT",
        into: E::KEY,
        source: Arc::new(e),
    })
}

/// `TryGetable::try_get_by`: the column read as SeaORM reads an `i16`, then converted.
///
/// On SQLite and MySQL sqlx's `i16` reads any integer column and refuses a number beyond
/// `i16` rather than truncating it; on PostgreSQL it reads `SMALLINT` columns only.
#[doc(hidden)]
#[inline]
pub fn try_get_by<E: GbEnum, I: ColIdx>(res: &QueryResult, idx: I) -> Result<E, TryGetError> {
    let v = <i16 as TryGetable>::try_get_by(res, idx)?;
    from_number(v).map_err(TryGetError::DbErr)
}

/// `Iterable::Iterator`: the registry's variants, in file order.
#[doc(hidden)]
pub type Iter<E> = core::iter::Copied<core::slice::Iter<'static, E>>;

/// `Iterable::iter`.
#[doc(hidden)]
#[inline]
pub fn iter<E: GbEnum>() -> Iter<E> {
    E::ALL.iter().copied()
}

/// The SeaORM impls of one enum, called by the generated code.
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_sea_orm {
    ($ty:ident, $serde_mode:ident) => {
        #[automatically_derived]
        impl ::core::convert::From<$ty> for $crate::__private::sea_orm::sea_query::Value {
            #[inline]
            fn from(e: $ty) -> $crate::__private::sea_orm::sea_query::Value {
                $crate::sea_orm::value(e)
            }
        }

        #[automatically_derived]
        impl $crate::__private::sea_orm::sea_query::Nullable for $ty {
            #[inline]
            fn null() -> $crate::__private::sea_orm::sea_query::Value {
                $crate::sea_orm::null()
            }
        }

        #[automatically_derived]
        impl $crate::__private::sea_orm::sea_query::ValueType for $ty {
            #[inline]
            fn try_from(
                v: $crate::__private::sea_orm::sea_query::Value,
            ) -> ::core::result::Result<$ty, $crate::__private::sea_orm::sea_query::ValueTypeErr>
            {
                $crate::sea_orm::try_from_value(v)
            }

            fn type_name() -> $crate::__private::String {
                ::core::convert::From::from(<$ty as $crate::GbEnum>::KEY)
            }

            fn array_type() -> $crate::__private::sea_orm::sea_query::ArrayType {
                $crate::sea_orm::array_type()
            }

            fn column_type() -> $crate::__private::sea_orm::sea_query::ColumnType {
                $crate::sea_orm::column_type()
            }
        }

        #[automatically_derived]
        impl $crate::__private::sea_orm::TryGetable for $ty {
            #[inline]
            fn try_get_by<__I: $crate::__private::sea_orm::ColIdx>(
                res: &$crate::__private::sea_orm::QueryResult,
                idx: __I,
            ) -> ::core::result::Result<$ty, $crate::__private::sea_orm::TryGetError> {
                $crate::sea_orm::try_get_by(res, idx)
            }
        }

        #[automatically_derived]
        impl $crate::__private::sea_orm::Iterable for $ty {
            type Iterator = $crate::sea_orm::Iter<$ty>;

            #[inline]
            fn iter() -> $crate::sea_orm::Iter<$ty> {
                $crate::sea_orm::iter()
            }
        }

        #[automatically_derived]
        impl $crate::__private::sea_orm::ActiveEnum for $ty {
            type Value = ::core::primitive::i16;
            type ValueVec = $crate::__private::Vec<::core::primitive::i16>;

            fn name() -> $crate::__private::sea_orm::sea_query::DynIden {
                ::core::convert::From::from(<$ty as $crate::GbEnum>::KEY)
            }

            #[inline]
            fn to_value(&self) -> ::core::primitive::i16 {
                $crate::__private::value_of::<$ty>(self)
            }

            #[inline]
            fn try_from_value(
                v: &::core::primitive::i16,
            ) -> ::core::result::Result<$ty, $crate::__private::sea_orm::DbErr> {
                $crate::sea_orm::from_number(*v)
            }

            fn db_type() -> $crate::__private::sea_orm::ColumnDef {
                <$crate::__private::sea_orm::ColumnType as $crate::__private::sea_orm::prelude::ColumnTypeTrait>::def(
                    $crate::sea_orm::column_type(),
                )
            }
        }
    };
}
