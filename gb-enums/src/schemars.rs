//! JSON Schemas (feature `schemars`): every registry enum implements schemars' `JsonSchema`,
//! named by its Rust type name, accepting exactly the form serde writes.
//!
//! The schema is the one `gb-enums jsonschema` writes for the enum (except the deprecation
//! notes and the default, which the trait does not carry):
//!
//! - `serde = "name"` (the default): `type: string`, the names as `enum`;
//! - `serde = "value"`: `type: integer`, the numbers as `enum`;
//! - `oneOf` of `{"const": ..., "description": ...}` per value (with `"title"`: the name, for
//!   numbers), as schemars' own derive describes documented unit variants, so editors and
//!   documentation show each value's description;
//! - `x-enum-varnames` and `x-enum-descriptions` for code generators;
//! - an open enum (`open = true`) also accepts any SMALLINT number: `anyOf`, without `enum`.
//!
//! It is built at run time from [`GbEnum::ALL`], `name`, `value` and `description`, so a
//! hand-written enum with `#[derive(GbEnum)]` gets the same schema as a generated one.
//!
//! ```
//! # gb_enums::registry!("../schema.toml");
//! let schema = schemars::schema_for!(TaskPriority);
//! let json = schema.as_value();
//! assert_eq!(json["title"], "Task Priority");
//! assert_eq!(json["enum"][1], "normal");
//! assert_eq!(json["oneOf"][1]["const"], "normal");
//! assert_eq!(json["oneOf"][1]["description"], "Normal priority");
//! ```

use std::string::String;
use std::vec::Vec;

use ::schemars::Schema;
use ::serde_json::{Map, Value};

use crate::GbEnum;

/// The schema of `E` written as its name; see the [module](self) docs.
#[doc(hidden)]
pub mod name {
    use super::*;

    /// The schema of `E` in its `serde = "name"` form.
    pub fn schema<E: GbEnum>() -> Schema {
        super::schema::<E>(false)
    }
}

/// The schema of `E` written as its number; see the [module](self) docs.
#[doc(hidden)]
pub mod value {
    use super::*;

    /// The schema of `E` in its `serde = "value"` form.
    pub fn schema<E: GbEnum>() -> Schema {
        super::schema::<E>(true)
    }
}

fn schema<E: GbEnum>(by_value: bool) -> Schema {
    let form = |e: &E| -> Value {
        if by_value {
            e.value().into()
        } else {
            e.name().into()
        }
    };
    let mut s = Map::new();
    s.insert("title".into(), E::TITLE.into());
    let ty: Value = match (by_value, E::OPEN) {
        (false, false) => "string".into(),
        (false, true) => Value::from(["string", "integer"].as_slice()),
        (true, _) => "integer".into(),
    };
    s.insert("type".into(), ty);
    if !E::OPEN {
        s.insert("enum".into(), E::ALL.iter().map(form).collect());
    }
    let mut options: Vec<Value> = E::ALL
        .iter()
        .map(|e| {
            let mut o = Map::new();
            o.insert("const".into(), form(e));
            if by_value {
                o.insert("title".into(), e.name().into());
            }
            o.insert("description".into(), e.description().into());
            Value::Object(o)
        })
        .collect();
    if E::OPEN {
        let mut any = Map::new();
        any.insert("type".into(), "integer".into());
        any.insert("minimum".into(), i16::MIN.into());
        any.insert("maximum".into(), i16::MAX.into());
        if !by_value {
            // A known value is written as its name, never as its number.
            let known: Vec<Value> = E::ALL.iter().map(|e| e.value().into()).collect();
            let mut not = Map::new();
            not.insert("enum".into(), known.into());
            any.insert("not".into(), not.into());
        }
        any.insert(
            "description".into(),
            "A number the registry does not know (open enum), kept as it is".into(),
        );
        options.push(Value::Object(any));
        s.insert("anyOf".into(), options.into());
    } else {
        s.insert("oneOf".into(), options.into());
        let names: Vec<Value> = E::ALL.iter().map(|e| e.name().into()).collect();
        let descriptions: Vec<Value> = E::ALL.iter().map(|e| e.description().into()).collect();
        s.insert("x-enum-varnames".into(), names.into());
        s.insert("x-enum-descriptions".into(), descriptions.into());
    }
    Schema::from(s)
}

/// The `Cow` of `schema_id`: the type's path, unique in a program, as schemars' derive makes it.
#[doc(hidden)]
pub fn schema_id(module_path: &'static str, ty: &'static str) -> std::borrow::Cow<'static, str> {
    let mut id = String::from(module_path);
    id.push_str("::");
    id.push_str(ty);
    id.into()
}

/// schemars' `JsonSchema` for one enum, called by the generated code with the registry's
/// `serde` mode (`name` or `value`).
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_schemars {
    ($ty:ident, $mode:ident) => {
        #[automatically_derived]
        impl $crate::__private::schemars::JsonSchema for $ty {
            fn schema_name() -> $crate::__private::Cow<'static, ::core::primitive::str> {
                $crate::__private::Cow::Borrowed(::core::stringify!($ty))
            }

            fn schema_id() -> $crate::__private::Cow<'static, ::core::primitive::str> {
                $crate::schemars::schema_id(::core::module_path!(), ::core::stringify!($ty))
            }

            fn json_schema(
                _: &mut $crate::__private::schemars::SchemaGenerator,
            ) -> $crate::__private::schemars::Schema {
                $crate::schemars::$mode::schema::<$ty>()
            }
        }
    };
}
