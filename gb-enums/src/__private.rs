//! Support for the generated code; not a public API.
//!
//! The proc macros expand in the application's crate, where `#[cfg(feature = "serde")]`
//! would test the application's features, not ours. So the generated code calls the
//! `__impl_*` macros below, which this crate defines as the real impls or as nothing
//! depending on its own features, and reaches serde and diesel through these re-exports:
//! the application needs no direct dependency on either.

#[cfg(feature = "diesel")]
pub use ::diesel;
#[cfg(feature = "serde")]
pub use ::serde;
pub use core;

/// Parses the `Display` form of an open enum's catch-all, `unknown(9)`.
pub fn parse_unknown(input: &str) -> Option<i16> {
    input
        .strip_prefix("unknown(")?
        .strip_suffix(')')?
        .parse()
        .ok()
}

/// Writes the `Display` form of an open enum's catch-all.
pub fn fmt_unknown(value: i16, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    write!(f, "unknown({value})")
}

/// The integrations of one enum: `serde` and `diesel` impls when those features are on.
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_integrations {
    ($ty:ident, $serde_mode:ident) => {
        $crate::__impl_serde!($ty, $serde_mode);
        $crate::__impl_diesel!($ty);
    };
}

// The real `__impl_serde!` and `__impl_diesel!` live in `serde.rs` and `diesel.rs`, next to
// the helpers they call; these stand in when the features are off.

#[cfg(not(feature = "serde"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_serde {
    ($($tt:tt)*) => {};
}

#[cfg(not(feature = "diesel"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_diesel {
    ($($tt:tt)*) => {};
}
