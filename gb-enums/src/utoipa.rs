//! OpenAPI schemas (feature `utoipa`): every registry enum implements utoipa's `ToSchema`,
//! named by its Rust type name, in the form serde writes it.
//!
//! - `serde = "name"` (the default): `type: string` with the names as `enum`;
//! - `serde = "value"`: `type: integer` with the numbers as `enum`;
//! - both carry `x-enum-varnames` (the names) and `x-enum-descriptions`, which code
//!   generators read to name and document constants (utoipa's own derive has neither:
//!   juhaku/utoipa#441), and a description listing every value with its number, which
//!   Swagger UI and Redoc show;
//! - an open enum (`open = true`) also accepts any SMALLINT number: `oneOf` the names and an
//!   integer for `serde = "name"`, an integer from -32768 to 32767 for `serde = "value"`.
//!
//! The schema is built at run time from [`GbEnum::ALL`], `name`, `value` and
//! `description`, so a hand-written enum with `#[derive(GbEnum)]` gets the same one as a
//! generated enum, and an application depends on `utoipa` only for its own derives.
//!
//! ```
//! # gb_enums::registry!("../schema.toml");
//! use utoipa::openapi::{RefOr, Schema};
//! use utoipa::{PartialSchema, ToSchema};
//!
//! // `name` is also the inherent method giving a value's name: say which one.
//! assert_eq!(<TaskStatus as ToSchema>::name(), "TaskStatus");
//! let RefOr::T(Schema::Object(schema)) = TaskStatus::schema() else { panic!() };
//! let json = serde_json::to_value(&schema)?;
//! assert_eq!(json["type"], "string");
//! assert_eq!(json["enum"][4], "waiting_approval");
//! assert_eq!(json["x-enum-descriptions"][4], "Needs approval");
//! assert!(json["description"].as_str().unwrap().contains("- `waiting_approval` (4): Needs approval"));
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::format;
use std::string::String;
use std::vec::Vec;

use ::utoipa::openapi::extensions::Extensions;
use ::utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, SchemaType, Type};
use ::utoipa::openapi::RefOr;

use crate::GbEnum;

/// The schema of `E` written as its name; see the [module](self) docs.
#[doc(hidden)]
pub mod name {
    use super::*;

    /// The schema of `E` in its `serde = "name"` form.
    pub fn schema<E: GbEnum>() -> RefOr<Schema> {
        let names: Vec<&str> = E::ALL.iter().map(|e| e.name()).collect();
        let known = known::<E>(Type::String, names.clone(), names);
        if E::OPEN {
            let any = smallint().description(Some(
                "A number the registry does not know (open enum), kept as it is",
            ));
            RefOr::T(Schema::OneOf(
                OneOfBuilder::new()
                    .title(Some(E::TITLE))
                    .description(Some(listing::<E>()))
                    .item(known.build())
                    .item(any.build())
                    .build(),
            ))
        } else {
            RefOr::T(Schema::Object(
                known
                    .title(Some(E::TITLE))
                    .description(Some(listing::<E>()))
                    .build(),
            ))
        }
    }
}

/// The schema of `E` written as its number; see the [module](self) docs.
#[doc(hidden)]
pub mod value {
    use super::*;

    /// The schema of `E` in its `serde = "value"` form.
    pub fn schema<E: GbEnum>() -> RefOr<Schema> {
        let object = if E::OPEN {
            // Every SMALLINT is a value: an `enum` would reject the ones it keeps.
            smallint()
        } else {
            let values: Vec<i16> = E::ALL.iter().map(|e| e.value()).collect();
            let names: Vec<&str> = E::ALL.iter().map(|e| e.name()).collect();
            known::<E>(Type::Integer, values, names)
        };
        RefOr::T(Schema::Object(
            object
                .title(Some(E::TITLE))
                .description(Some(listing::<E>()))
                .build(),
        ))
    }
}

/// The known values as `enum`, with the code generators' names and descriptions.
fn known<E: GbEnum>(
    ty: Type,
    values: Vec<impl Into<::serde_json::Value>>,
    names: Vec<&str>,
) -> ObjectBuilder {
    let descriptions: Vec<&str> = E::ALL.iter().map(|e| e.description()).collect();
    let extensions: Extensions = [
        ("x-enum-varnames", ::serde_json::Value::from(names)),
        (
            "x-enum-descriptions",
            ::serde_json::Value::from(descriptions),
        ),
    ]
    .into_iter()
    .collect();
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(ty))
        .enum_values(Some(values))
        .extensions(Some(extensions))
}

/// Any SMALLINT number.
fn smallint() -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(SchemaType::Type(Type::Integer))
        .minimum(Some(i16::MIN))
        .maximum(Some(i16::MAX))
}

/// The values as a markdown list: `` - `pending` (0): Waiting to start ``.
fn listing<E: GbEnum>() -> String {
    let mut out = String::new();
    for e in E::ALL {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("- `{}` ({})", e.name(), e.value()));
        if !e.description().is_empty() {
            out.push_str(": ");
            out.push_str(e.description());
        }
    }
    if E::OPEN {
        out.push_str("\n\nOpen: any other SMALLINT number is kept as it is.");
    }
    out
}

/// utoipa's `PartialSchema` and `ToSchema` for one enum, called by the generated code with
/// the registry's `serde` mode (`name` or `value`).
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_utoipa {
    ($ty:ident, $mode:ident) => {
        #[automatically_derived]
        impl $crate::__private::utoipa::PartialSchema for $ty {
            fn schema() -> $crate::__private::utoipa::openapi::RefOr<
                $crate::__private::utoipa::openapi::schema::Schema,
            > {
                $crate::utoipa::$mode::schema::<$ty>()
            }
        }

        #[automatically_derived]
        impl $crate::__private::utoipa::ToSchema for $ty {
            fn name() -> $crate::__private::Cow<'static, ::core::primitive::str> {
                $crate::__private::Cow::Borrowed(::core::stringify!($ty))
            }
        }
    };
}
