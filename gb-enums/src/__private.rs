//! Support for the generated code; not a public API.
//!
//! The proc macros expand in the application's crate, where `#[cfg(feature = "serde")]`
//! would test the application's features, not ours. So the generated code calls the
//! `__impl_*` macros below, which this crate defines as the real impls or as nothing
//! depending on its own features, and reaches serde and diesel through these re-exports:
//! the application needs no direct dependency on either.

#[cfg(feature = "diesel")]
pub use ::diesel;
#[cfg(feature = "schemars")]
pub use ::schemars;
#[cfg(feature = "sea-orm")]
pub use ::sea_orm;
#[cfg(feature = "serde")]
pub use ::serde;
#[cfg(feature = "sqlx")]
pub use ::sqlx;
#[cfg(feature = "utoipa")]
pub use ::utoipa;
pub use core;
#[cfg(any(feature = "utoipa", feature = "schemars"))]
pub use std::borrow::Cow;
// `String` and `Vec` by paths that a user's `struct String;` cannot shadow, for the
// integrations whose traits name them (`::std` would need `std` in the user's crate graph
// under that name; `alloc` is not a crate every edition-2015 user can name).
#[cfg(feature = "std")]
pub use std::string::String;
#[cfg(feature = "std")]
pub use std::vec::Vec;

/// Asserted by `#[derive(GbEnum)]` for the enum, so that a missing `Copy` is reported once,
/// in words, rather than as "the trait bound `Copy` is not satisfied" deep in the expansion.
#[diagnostic::on_unimplemented(
    message = "`{Self}` must be `Copy` to derive `GbEnum`: derive both, `#[derive(Clone, Copy, GbEnum)]`",
    label = "`{Self}` is not `Copy`",
    note = "registry enums are passed by value, like any fieldless enum"
)]
pub trait DeriveGbEnumNeedsCopy {}

// `do_not_recommend`: the error names this trait (and its message) instead of its `Copy`
// bound.
#[diagnostic::do_not_recommend]
impl<T: Copy> DeriveGbEnumNeedsCopy for T {}

/// Compiles only for a `Copy` type; called in the derive's expansion.
#[inline]
pub const fn assert_copy<T: DeriveGbEnumNeedsCopy>() {}

// The generated impls reach a value through these rather than `*self`: for an enum that
// lacks `Copy`, `*self` would add a "cannot move out of a shared reference" per impl to the
// one error that matters (`DeriveGbEnumNeedsCopy`). Inlined, they cost nothing.

/// A copy of `*e`. `GbEnum` implies `Copy`; going through it keeps a missing `Copy` to the one
/// error the derive reports, instead of a "cannot move out of a shared reference" per use.
#[inline(always)]
pub fn copied<E: crate::GbEnum>(e: &E) -> E {
    *e
}

/// `e.value()` through a reference.
#[inline(always)]
pub fn value_of<E: crate::GbEnum>(e: &E) -> i16 {
    E::value(*e)
}

/// `e.name()` through a reference.
#[inline(always)]
pub fn name_of<E: crate::GbEnum>(e: &E) -> &'static str {
    E::name(*e)
}

/// `e.is_known()` through a reference.
#[inline(always)]
pub fn is_known_of<E: crate::GbEnum>(e: &E) -> bool {
    E::is_known(*e)
}

/// `E::from_name(s)`, for `FromStr`.
#[inline(always)]
pub fn from_name<E: crate::GbEnum>(s: &str) -> Result<E, crate::UnknownName<E>> {
    E::from_name(s)
}

/// Writes a variant's name for `Display`.
///
/// `Formatter::pad` honours width, precision and alignment, and with none of them set it is
/// just `write_str`; the check is made here, inline, so that a plain `{}` does not pay for a
/// call into `pad` (which is what a hand-written `f.write_str(name)` saves, while ignoring
/// `{:>10}`).
#[inline]
pub fn fmt_name(name: &str, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    if f.width().is_none() && f.precision().is_none() {
        f.write_str(name)
    } else {
        f.pad(name)
    }
}

/// Parses the `Display` form of an open enum's catch-all, `unknown(9)`.
pub fn parse_unknown(input: &str) -> Option<i16> {
    input
        .strip_prefix("unknown(")?
        .strip_suffix(')')?
        .parse()
        .ok()
}

/// Writes the `Display` form of an open enum's catch-all.
///
/// Through `Formatter::pad`, like the names of the known variants, so that `{:>12}` aligns
/// both alike; the text is built in a buffer first (`unknown(-32768)` is 15 bytes), which
/// needs no allocator.
pub fn fmt_unknown(value: i16, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
    struct Buf {
        bytes: [u8; 16],
        len: usize,
    }
    impl core::fmt::Write for Buf {
        fn write_str(&mut self, s: &str) -> core::fmt::Result {
            let end = self.len + s.len();
            self.bytes
                .get_mut(self.len..end)
                .ok_or(core::fmt::Error)?
                .copy_from_slice(s.as_bytes());
            self.len = end;
            Ok(())
        }
    }
    let mut buf = Buf {
        bytes: [0; 16],
        len: 0,
    };
    core::fmt::write(&mut buf, format_args!("unknown({value})"))?;
    f.pad(core::str::from_utf8(&buf.bytes[..buf.len]).map_err(|_| core::fmt::Error)?)
}

// The generated code calls one `__impl_<integration>!(Type, serde_mode)` per integration
// (`gb_enums_codegen::render::rust::INTEGRATIONS`). The real macros live in the module of each
// integration, next to the helpers they call; these stand in when the feature is off.

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

#[cfg(not(feature = "sqlx"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_sqlx {
    ($($tt:tt)*) => {};
}

#[cfg(not(feature = "sea-orm"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_sea_orm {
    ($($tt:tt)*) => {};
}

#[cfg(not(feature = "utoipa"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_utoipa {
    ($($tt:tt)*) => {};
}

#[cfg(not(feature = "schemars"))]
#[macro_export]
#[doc(hidden)]
macro_rules! __impl_schemars {
    ($($tt:tt)*) => {};
}
