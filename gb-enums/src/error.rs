//! The two errors of a failed conversion.
//!
//! Both are generic over the enum, like num_enum's `TryFromPrimitiveError<E>`: the enum's key
//! and names come from its [`GbEnum`] impl, so the errors keep nothing else. `UnknownValue<E>`
//! is the rejected `i16` and `UnknownName<E>` is zero-sized, which makes
//! `Result<TaskStatus, UnknownValue<TaskStatus>>` four bytes and
//! `Result<TaskStatus, UnknownName<TaskStatus>>` two, the same as num_enum's and strum's
//! results: a failed conversion costs no more than a hand-written `match` (see BENCHMARKS.md),
//! and its message still names the enum.

use core::fmt;
use core::hash::{Hash, Hasher};
use core::marker::PhantomData;

use crate::GbEnum;

/// The enum an error is about, without owning one: `fn() -> E` keeps the error `Send`,
/// `Sync` and `Copy` whatever `E` is.
type Of<E> = PhantomData<fn() -> E>;

/// A number that is not a value of the enum `E`.
///
/// ```
/// # gb_enums::registry!("../schema.toml");
/// use gb_enums::{GbEnum, UnknownValue};
/// let err: UnknownValue<TaskStatus> = TaskStatus::from_value(9).unwrap_err();
/// assert_eq!(err.to_string(), "unknown task_status value 9");
/// assert_eq!((err.enum_key(), err.value()), ("task_status", 9));
/// assert_eq!(std::mem::size_of::<Result<TaskStatus, UnknownValue<TaskStatus>>>(), 4);
/// ```
pub struct UnknownValue<E> {
    value: i16,
    enum_type: Of<E>,
}

impl<E> UnknownValue<E> {
    /// The error for `value`, which is not one of `E`'s.
    #[inline]
    pub const fn new(value: i16) -> Self {
        UnknownValue {
            value,
            enum_type: PhantomData,
        }
    }

    /// The number that was not recognised.
    #[inline]
    pub const fn value(&self) -> i16 {
        self.value
    }
}

impl<E: GbEnum> UnknownValue<E> {
    /// The registry key of the enum, e.g. `task_status`.
    #[inline]
    pub const fn enum_key(&self) -> &'static str {
        E::KEY
    }
}

impl<E: GbEnum> fmt::Display for UnknownValue<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} value {}", E::KEY, self.value)
    }
}

impl<E: GbEnum> fmt::Debug for UnknownValue<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownValue")
            .field("enum_key", &E::KEY)
            .field("value", &self.value)
            .finish()
    }
}

#[cfg(feature = "std")]
impl<E: GbEnum> std::error::Error for UnknownValue<E> {}

/// A string that is neither a name nor an alias of the enum `E`.
///
/// The error is zero-sized: like [`ParseIntError`](core::num::ParseIntError) it does not keep
/// the rejected input, and the enum's key and names come from `E`. Its message lists the names
/// that would have been accepted; a caller that has the input at hand adds it with
/// [`with_input`](Self::with_input), as gb-enums' own serde impls do.
///
/// ```
/// # gb_enums::registry!("../schema.toml");
/// use gb_enums::UnknownName;
/// let err: UnknownName<ExecutionMode> = "auto".parse::<ExecutionMode>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "unknown execution_mode name, expected one of `manual`, `supervised`, `autonomous`"
/// );
/// assert_eq!(err.enum_key(), "execution_mode");
/// assert_eq!(
///     err.with_input("auto").to_string(),
///     "unknown execution_mode name `auto`, expected one of `manual`, `supervised`, `autonomous`"
/// );
/// ```
pub struct UnknownName<E> {
    enum_type: Of<E>,
}

impl<E> UnknownName<E> {
    /// The error for a name that is not one of `E`'s.
    #[inline]
    pub const fn new() -> Self {
        UnknownName {
            enum_type: PhantomData,
        }
    }
}

impl<E> Default for UnknownName<E> {
    #[inline]
    fn default() -> Self {
        UnknownName::new()
    }
}

impl<E: GbEnum> UnknownName<E> {
    /// The registry key of the enum, e.g. `channel_type`.
    #[inline]
    pub const fn enum_key(&self) -> &'static str {
        E::KEY
    }

    /// The message with the rejected input in it: ``unknown channel_type name `fax`,
    /// expected one of ...``.
    pub fn with_input(self, input: &str) -> impl fmt::Display + '_ {
        struct WithInput<'a, E>(&'a str, Of<E>);
        impl<E: GbEnum> fmt::Display for WithInput<'_, E> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write_unknown_name::<E>(f, Some(self.0))
            }
        }
        WithInput::<E>(input, PhantomData)
    }
}

/// ``unknown KEY name[ `input`], expected one of `a`, `b` `` (aliases are accepted but not
/// suggested; an open enum's `unknown(9)` neither).
fn write_unknown_name<E: GbEnum>(f: &mut fmt::Formatter<'_>, input: Option<&str>) -> fmt::Result {
    write!(f, "unknown {} name", E::KEY)?;
    if let Some(input) = input {
        write!(f, " `{input}`")?;
    }
    for (i, e) in E::ALL.iter().enumerate() {
        let lead = if i == 0 { ", expected one of" } else { "," };
        write!(f, "{lead} `{}`", e.name())?;
    }
    Ok(())
}

impl<E: GbEnum> fmt::Display for UnknownName<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_unknown_name::<E>(f, None)
    }
}

impl<E: GbEnum> fmt::Debug for UnknownName<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownName")
            .field("enum_key", &E::KEY)
            .finish()
    }
}

#[cfg(feature = "std")]
impl<E: GbEnum> std::error::Error for UnknownName<E> {}

/// A stored integer outside the `i16` range of every registry value, read by a database layer
/// from an `INTEGER` (or, on SQLite and MySQL, any integer) column.
///
/// Its enum is named by key rather than by type, since database layers box it as a plain
/// error. Also reachable as `gb_enums::diesel::OutOfRange`.
///
/// ```
/// let err = gb_enums::OutOfRange::new("task_status", 70_000);
/// assert_eq!(err.to_string(), "unknown task_status value 70000 (outside the SMALLINT range)");
/// assert_eq!((err.enum_key(), err.value()), ("task_status", 70_000));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct OutOfRange {
    key: &'static str,
    value: i64,
}

impl OutOfRange {
    /// Builds the error for the enum `key`.
    pub const fn new(key: &'static str, value: i64) -> Self {
        OutOfRange { key, value }
    }

    /// The registry key of the enum, e.g. `task_status`.
    pub const fn enum_key(&self) -> &'static str {
        self.key
    }

    /// The number that was read.
    pub const fn value(&self) -> i64 {
        self.value
    }
}

impl fmt::Display for OutOfRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown {} value {} (outside the SMALLINT range)",
            self.key, self.value
        )
    }
}

#[cfg(feature = "std")]
impl std::error::Error for OutOfRange {}

/// The variant of a number read from a database, widened to `i64` by the layer that read it so
/// that a number beyond `i16` is reported as it is, not truncated.
#[cfg(any(feature = "diesel", feature = "sqlx"))]
#[inline]
pub(crate) fn decode_wide<E: GbEnum>(
    wide: i64,
) -> Result<E, std::boxed::Box<dyn std::error::Error + Send + Sync>> {
    let value = i16::try_from(wide).map_err(|_| OutOfRange::new(E::KEY, wide))?;
    Ok(E::from_value(value)?)
}

// `Clone`, `Copy`, `PartialEq`, `Eq` and `Hash` by hand: derived ones would require them of
// `E`, which the errors do not hold.

impl<E> Clone for UnknownValue<E> {
    #[inline]
    fn clone(&self) -> Self {
        *self
    }
}
impl<E> Copy for UnknownValue<E> {}
impl<E> PartialEq for UnknownValue<E> {
    #[inline]
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}
impl<E> Eq for UnknownValue<E> {}
impl<E> Hash for UnknownValue<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl<E> Clone for UnknownName<E> {
    #[inline]
    fn clone(&self) -> Self {
        *self
    }
}
impl<E> Copy for UnknownName<E> {}
impl<E> PartialEq for UnknownName<E> {
    #[inline]
    fn eq(&self, _: &Self) -> bool {
        true
    }
}
impl<E> Eq for UnknownName<E> {}
impl<E> Hash for UnknownName<E> {
    fn hash<H: Hasher>(&self, _: &mut H) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal hand-made `GbEnum`, so that these tests do not depend on the macros.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    enum Channel {
        Web,
        Whatsapp,
    }

    impl GbEnum for Channel {
        const KEY: &'static str = "channel_type";
        const TITLE: &'static str = "Channel Types";
        const ALL: &'static [Self] = &[Channel::Web, Channel::Whatsapp];
        const COUNT: usize = 2;
        const OPEN: bool = false;
        fn value(self) -> i16 {
            self as i16
        }
        fn name(self) -> &'static str {
            ["web", "whatsapp"][self as usize]
        }
        fn description(self) -> &'static str {
            ""
        }
        fn from_value(value: i16) -> Result<Self, UnknownValue<Self>> {
            Self::ALL
                .get(usize::try_from(value).map_err(|_| UnknownValue::new(value))?)
                .copied()
                .ok_or(UnknownValue::new(value))
        }
        fn from_name(name: &str) -> Result<Self, UnknownName<Self>> {
            Self::ALL
                .iter()
                .copied()
                .find(|e| e.name() == name)
                .ok_or(UnknownName::new())
        }
    }

    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    enum Never {}

    impl GbEnum for Never {
        const KEY: &'static str = "never";
        const TITLE: &'static str = "";
        const ALL: &'static [Self] = &[];
        const COUNT: usize = 0;
        const OPEN: bool = false;
        fn value(self) -> i16 {
            match self {}
        }
        fn name(self) -> &'static str {
            match self {}
        }
        fn description(self) -> &'static str {
            match self {}
        }
        fn from_value(value: i16) -> Result<Self, UnknownValue<Self>> {
            Err(UnknownValue::new(value))
        }
        fn from_name(_: &str) -> Result<Self, UnknownName<Self>> {
            Err(UnknownName::new())
        }
    }

    #[test]
    fn the_errors_cost_nothing_in_a_result() {
        use core::mem::size_of;
        assert_eq!(size_of::<UnknownValue<Channel>>(), 2);
        assert_eq!(size_of::<UnknownName<Channel>>(), 0);
        assert_eq!(size_of::<Result<Channel, UnknownName<Channel>>>(), 1);
    }

    #[test]
    fn unknown_value_names_enum_and_value() {
        let err = Channel::from_value(-3).unwrap_err();
        assert_eq!(err.to_string(), "unknown channel_type value -3");
        assert_eq!(
            format!("{err:?}"),
            "UnknownValue { enum_key: \"channel_type\", value: -3 }"
        );
        assert_eq!((err.enum_key(), err.value()), ("channel_type", -3));
        assert_ne!(err, UnknownValue::new(-4));
    }

    #[test]
    fn unknown_name_lists_the_names() {
        let err = Channel::from_name("fax").unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown channel_type name, expected one of `web`, `whatsapp`"
        );
        assert_eq!(
            err.with_input("fax").to_string(),
            "unknown channel_type name `fax`, expected one of `web`, `whatsapp`"
        );
        assert_eq!(
            format!("{err:?}"),
            "UnknownName { enum_key: \"channel_type\" }"
        );
    }

    #[test]
    fn an_enum_without_names_says_only_what_failed() {
        let err = Never::from_name("x").unwrap_err();
        assert_eq!(err.with_input("x").to_string(), "unknown never name `x`");
        assert_eq!(err.to_string(), "unknown never name");
    }
}
