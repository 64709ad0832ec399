//! Serialization by name or number (feature `serde`).
//!
//! Every registry enum implements `Serialize` and `Deserialize`:
//!
//! - by default as its name, read back from the name or any alias, so JSON stays readable
//!   and legacy spellings (`"teams"`, `"APP_CREATE"`) still load;
//! - as its number when the registry entry says `serde = "value"`; numbers and names are
//!   both accepted when reading a self-describing format such as JSON;
//! - an open enum (`open = true`) writes a value it does not know, `Unknown(v)`, as the
//!   number `v` and reads any number back, so values added by a newer build survive a round
//!   trip through an older one.
//!
//! An input that is none of these is an error naming the enum and the input and listing the
//! names, such as ``unknown execution_mode name `auto`, expected one of `manual`, ... ``.
//!
//! ```
//! # gb_enums::registry!("../schema.toml");
//! let json = serde_json::to_string(&[ChannelType::Msteams, ChannelType::Whatsapp])?;
//! assert_eq!(json, r#"["msteams","whatsapp"]"#);
//! let read: Vec<ChannelType> = serde_json::from_str(r#"["teams", "whats_app"]"#)?;
//! assert_eq!(read, [ChannelType::Msteams, ChannelType::Whatsapp]);
//!
//! let err = serde_json::from_str::<ExecutionMode>(r#""auto""#).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "unknown execution_mode name `auto`, expected one of `manual`, `supervised`, \
//!      `autonomous` at line 1 column 6"
//! );
//! # Ok::<(), serde_json::Error>(())
//! ```
//!
//! The modules [`name`] and [`value`] choose the form for one field, whatever the registry
//! says, through serde's `with` attribute:
//!
//! ```
//! # gb_enums::registry!("../schema.toml");
//! #[derive(serde::Serialize, serde::Deserialize)]
//! struct Row {
//!     status: TaskStatus,
//!     #[serde(with = "gb_enums::serde::value")]
//!     priority: TaskPriority,
//! }
//!
//! let row = Row { status: TaskStatus::Running, priority: TaskPriority::High };
//! assert_eq!(serde_json::to_string(&row)?, r#"{"status":"running","priority":2}"#);
//! # Ok::<(), serde_json::Error>(())
//! ```

use core::fmt;
use core::marker::PhantomData;

use ::serde::de::{self, Deserializer, Unexpected};
use ::serde::Serializer;

use crate::GbEnum;

/// The enum as its name (the registry's default form); see the [module](self) docs.
///
/// An open enum's unknown value is written as its number, since it has no name.
pub mod name {
    use super::*;

    /// Writes the name, or the number of an open enum's unknown value.
    pub fn serialize<E: GbEnum, S: Serializer>(e: &E, serializer: S) -> Result<S::Ok, S::Error> {
        if e.is_known() {
            serializer.serialize_str(e.name())
        } else {
            serializer.serialize_i16(e.value())
        }
    }

    /// Reads a name or alias; an open enum also reads any number (and `unknown(9)`).
    pub fn deserialize<'de, E: GbEnum, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<E, D::Error> {
        if E::OPEN {
            // An open enum writes names and numbers, so it must read either.
            deserializer.deserialize_any(Visitor::<E>::new(true))
        } else {
            deserializer.deserialize_str(Visitor::<E>::new(false))
        }
    }
}

/// The enum as its number (`serde = "value"` in the registry); see the [module](self) docs.
pub mod value {
    use super::*;

    /// Writes the number.
    pub fn serialize<E: GbEnum, S: Serializer>(e: &E, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i16(e.value())
    }

    /// Reads a number; a self-describing format (JSON, TOML, ...) may also give a name or
    /// alias.
    pub fn deserialize<'de, E: GbEnum, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<E, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_any(Visitor::<E>::new(true))
        } else {
            // Formats such as bincode cannot say what comes next; ask for what we write.
            deserializer.deserialize_i16(Visitor::<E>::new(true))
        }
    }
}

struct Visitor<E> {
    numbers: bool,
    enum_type: PhantomData<E>,
}

impl<E> Visitor<E> {
    fn new(numbers: bool) -> Self {
        Visitor {
            numbers,
            enum_type: PhantomData,
        }
    }
}

impl<E: GbEnum> Visitor<E> {
    fn number<Er: de::Error>(self, v: i64, unexpected: Unexpected<'_>) -> Result<E, Er> {
        if !self.numbers {
            return Err(Er::invalid_type(unexpected, &self));
        }
        match i16::try_from(v) {
            Ok(v) => E::from_value(v).map_err(Er::custom),
            Err(_) => Err(Er::custom(format_args!("unknown {} value {}", E::KEY, v))),
        }
    }
}

impl<'de, E: GbEnum> de::Visitor<'de> for Visitor<E> {
    type Value = E;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.numbers {
            write!(f, "a {} name or value", E::KEY)
        } else {
            write!(f, "a {} name", E::KEY)
        }
    }

    fn visit_str<Er: de::Error>(self, v: &str) -> Result<E, Er> {
        // The error does not keep the input (to stay small); the visitor has it, so the
        // message says what was read.
        E::from_name(v).map_err(|e| Er::custom(e.with_input(v)))
    }

    fn visit_i64<Er: de::Error>(self, v: i64) -> Result<E, Er> {
        self.number(v, Unexpected::Signed(v))
    }

    fn visit_u64<Er: de::Error>(self, v: u64) -> Result<E, Er> {
        // Anything above i64::MAX is out of range anyway; saturate so the message says so.
        self.number(
            i64::try_from(v).unwrap_or(i64::MAX),
            Unexpected::Unsigned(v),
        )
    }
}

/// The serde impls of one enum, called by the generated code with the registry's `serde`
/// mode (`name` or `value`), which is the module of this one that does the work.
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_serde {
    ($ty:ident, $mode:ident) => {
        #[automatically_derived]
        impl $crate::__private::serde::Serialize for $ty {
            #[inline]
            fn serialize<__S>(
                &self,
                serializer: __S,
            ) -> ::core::result::Result<
                <__S as $crate::__private::serde::Serializer>::Ok,
                <__S as $crate::__private::serde::Serializer>::Error,
            >
            where
                __S: $crate::__private::serde::Serializer,
            {
                $crate::serde::$mode::serialize(self, serializer)
            }
        }

        #[automatically_derived]
        impl<'__de> $crate::__private::serde::Deserialize<'__de> for $ty {
            #[inline]
            fn deserialize<__D>(
                deserializer: __D,
            ) -> ::core::result::Result<
                $ty,
                <__D as $crate::__private::serde::Deserializer<'__de>>::Error,
            >
            where
                __D: $crate::__private::serde::Deserializer<'__de>,
            {
                $crate::serde::$mode::deserialize(deserializer)
            }
        }
    };
}
