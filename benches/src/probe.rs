//! The conversions of the three implementations as out-of-line functions, one module per
//! shipped enum, so that `benches/scripts/asm.sh` can compare the machine code each compiles
//! to. Each returns its result the way an application's caller receives it.
#![allow(missing_docs)]

use core::fmt;

use crate::ops::Ops;

macro_rules! probes {
    ($($ty:ident $key:ident),*) => {$(
        pub mod $key {
            use super::*;
            probes!(@impl gb $ty gb_from_value gb_from_name gb_name gb_display);
            probes!(@impl hand $ty hand_from_value hand_from_name hand_name hand_display);
            probes!(@impl stack $ty stack_from_value stack_from_name stack_name stack_display);
        }
    )*};
    (@impl $m:ident $ty:ident $from_value:ident $from_name:ident $name:ident $display:ident) => {
        #[inline(never)]
        pub fn $from_value(v: i16) -> Result<crate::$m::$ty, <crate::$m::$ty as Ops>::ValueErr> {
            <crate::$m::$ty as Ops>::from_value(v)
        }
        #[inline(never)]
        pub fn $from_name(s: &str) -> Result<crate::$m::$ty, <crate::$m::$ty as Ops>::NameErr> {
            <crate::$m::$ty as Ops>::from_name(s)
        }
        #[inline(never)]
        pub fn $name(e: crate::$m::$ty) -> &'static str {
            Ops::name(e)
        }
        #[inline(never)]
        pub fn $display(e: crate::$m::$ty, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            fmt::Display::fmt(&e, f)
        }
    };
}

crate::shipped_enums!(probes!());
