//! The expansions of `registry!` and `#[derive(GbEnum)]` compile where a user's items shadow
//! every name they could use: prelude types and variants, `core`/`std`/`alloc`, the
//! primitive types, and common trait names. Every path in the generated code must be
//! absolute (`::core::...`, `::gb_enums::...`) for this file to compile.
#![deny(warnings)]
#![allow(dead_code, non_camel_case_types, unused_macros)]

mod shadowed {
    // Prelude types and variants.
    struct Option;
    struct Some;
    struct None;
    struct Result;
    struct Ok;
    struct Err;
    struct Default;
    struct Clone;
    struct Copy;
    struct Debug;
    struct Hash;
    struct PartialEq;
    struct Eq;
    struct PartialOrd;
    struct Ord;
    struct Ordering;
    struct From;
    struct Into;
    struct TryFrom;
    struct AsRef;
    struct FromStr;
    struct Display;
    struct Formatter;
    struct String;
    struct Vec;
    struct Box;
    struct GbEnum;
    struct UnknownValue;
    struct UnknownName;
    // Primitive types: `struct i16;` makes a bare `i16` mean this struct.
    struct i16;
    struct str;
    struct bool;
    struct usize;
    struct u8;
    // Crates and modules.
    mod core {}
    mod std {}
    mod alloc {}
    mod gb_enums {}
    mod fmt {}
    // Macros of the prelude.
    macro_rules! unreachable {
        () => {
            compile_error!("the expansion used a relative `unreachable!`")
        };
    }
    macro_rules! matches {
        ($($t:tt)*) => {
            compile_error!("the expansion used a relative `matches!`")
        };
    }
    macro_rules! compile_error {
        ($($t:tt)*) => {};
    }
    macro_rules! include_str {
        ($($t:tt)*) => {
            ""
        };
    }
    macro_rules! option_env {
        ($($t:tt)*) => {
            ::core::option::Option::None
        };
    }
    macro_rules! write {
        ($($t:tt)*) => {
            compile_error!("the expansion used a relative `write!`")
        };
    }

    ::gb_enums::registry!("../schema.toml");
    ::gb_enums::registry!("fixtures/features.toml");

    /// The hand-written enums, apart from the generated ones of the same entries; the glob
    /// import brings every shadowing item along.
    mod hand {
        // Brings every shadowing item into scope. That the import is unused is the point:
        // nothing in the expansion resolves through it.
        #[allow(unused_imports)]
        use super::*;

        #[derive(
            ::core::clone::Clone,
            ::core::marker::Copy,
            ::core::fmt::Debug,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash,
            ::gb_enums::GbEnum,
        )]
        #[gb_enum(registry = "fixtures/features.toml")]
        #[repr(i16)]
        pub enum Direction {
            North = 0,
            East = 90,
            West = -90,
            South = 180,
        }

        #[derive(
            ::core::clone::Clone,
            ::core::marker::Copy,
            ::core::fmt::Debug,
            ::core::cmp::PartialEq,
            ::core::cmp::Eq,
            ::core::hash::Hash,
            ::gb_enums::GbEnum,
        )]
        #[gb_enum(name = "door_state", registry = "fixtures/features.toml")]
        pub enum Door {
            Closed,
            Open,
            #[gb_enum(other)]
            Unknown(::core::primitive::i16),
        }
    }
    use hand::{Direction as HandDirection, Door};

    #[test]
    fn the_expansions_work_with_everything_shadowed() {
        use ::gb_enums::GbEnum as _;
        ::core::assert_eq!(
            TaskStatus::from_value(2).map(TaskStatus::name),
            ::core::result::Result::Ok("running")
        );
        ::core::assert_eq!(
            Signal::from_value(9).map(Signal::value),
            ::core::result::Result::Ok(9)
        );
        ::core::assert_eq!(
            HandDirection::from_name("W"),
            ::core::result::Result::Ok(HandDirection::West)
        );
        ::core::assert_eq!(
            Door::from_value(5),
            ::core::result::Result::Ok(Door::Unknown(5))
        );
        ::core::assert_eq!(
            ::std::string::ToString::to_string(&OutcomeKind::Error),
            "error"
        );
    }
}
