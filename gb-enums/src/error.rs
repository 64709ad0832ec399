//! The two errors of a failed conversion.
//!
//! Both are small on purpose: `Result<TaskStatus, UnknownValue>` fits in two registers, which
//! keeps `from_value` as cheap as a hand-written `match` (see BENCHMARKS.md). The enum's key is
//! reached through a `&'static &'static str` so that the error is one pointer plus the value.

use core::fmt;

/// A number that is not a value of the enum.
///
/// ```
/// # gb_enums::registry!("../schema.toml");
/// use gb_enums::GbEnum;
/// let err = TaskStatus::from_value(9).unwrap_err();
/// assert_eq!(err.to_string(), "unknown task_status value 9");
/// assert_eq!((err.enum_key(), err.value()), ("task_status", 9));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UnknownValue {
    key: &'static &'static str,
    value: i16,
}

impl UnknownValue {
    /// Builds the error; generated code passes a reference to its registry key.
    #[inline]
    pub const fn new(key: &'static &'static str, value: i16) -> Self {
        UnknownValue { key, value }
    }

    /// The registry key of the enum, e.g. `task_status`.
    #[inline]
    pub const fn enum_key(&self) -> &'static str {
        self.key
    }

    /// The number that was not recognised.
    #[inline]
    pub const fn value(&self) -> i16 {
        self.value
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} value {}", self.key, self.value)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for UnknownValue {}

/// How many bytes of the rejected input an [`UnknownName`] keeps.
///
/// The input is copied into the error inline rather than allocated, so that the error works
/// without `alloc` and a failed `from_name` costs no allocation.
pub const UNKNOWN_NAME_CAPACITY: usize = 40;

/// A string that is neither a name nor an alias of the enum.
///
/// The rejected input is kept (up to [`UNKNOWN_NAME_CAPACITY`] bytes, cut at a character
/// boundary) so that the message says what was wrong.
///
/// ```
/// # gb_enums::registry!("../schema.toml");
/// let err = "fax".parse::<ChannelType>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown channel_type name `fax`");
/// assert_eq!(err.input(), "fax");
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnknownName {
    key: &'static &'static str,
    len: u8,
    truncated: bool,
    bytes: [u8; UNKNOWN_NAME_CAPACITY],
}

impl UnknownName {
    /// Builds the error, keeping a prefix of `input`.
    #[cold]
    pub fn new(key: &'static &'static str, input: &str) -> Self {
        let mut len = input.len().min(UNKNOWN_NAME_CAPACITY);
        while !input.is_char_boundary(len) {
            len -= 1;
        }
        let mut bytes = [0u8; UNKNOWN_NAME_CAPACITY];
        bytes[..len].copy_from_slice(&input.as_bytes()[..len]);
        UnknownName {
            key,
            len: len as u8,
            truncated: len < input.len(),
            bytes,
        }
    }

    /// The registry key of the enum, e.g. `channel_type`.
    #[inline]
    pub const fn enum_key(&self) -> &'static str {
        self.key
    }

    /// The rejected input, or its first [`UNKNOWN_NAME_CAPACITY`] bytes.
    pub fn input(&self) -> &str {
        // The prefix was cut at a char boundary of a `&str`, so it is valid UTF-8.
        core::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or_default()
    }

    /// Whether [`input`](Self::input) is only a prefix of what was rejected.
    pub const fn is_truncated(&self) -> bool {
        self.truncated
    }
}

impl fmt::Debug for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UnknownName")
            .field("enum_key", &self.enum_key())
            .field("input", &self.input())
            .field("truncated", &self.truncated)
            .finish()
    }
}

impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ellipsis = if self.truncated { "..." } else { "" };
        write!(
            f,
            "unknown {} name `{}{}`",
            self.key,
            self.input(),
            ellipsis
        )
    }
}

#[cfg(feature = "std")]
impl std::error::Error for UnknownName {}

#[cfg(test)]
mod tests {
    use super::*;

    static KEY: &str = "channel_type";

    #[test]
    fn unknown_value_is_small() {
        assert_eq!(core::mem::size_of::<UnknownValue>(), 16);
    }

    #[test]
    fn long_input_is_cut_at_a_char_boundary() {
        let input = "é".repeat(30);
        let err = UnknownName::new(&KEY, &input);
        assert!(err.is_truncated());
        assert_eq!(err.input(), "é".repeat(20));
        assert!(err.to_string().ends_with("...`"));
    }

    #[test]
    fn short_input_is_kept_whole() {
        let err = UnknownName::new(&KEY, "teams");
        assert!(!err.is_truncated());
        assert_eq!(err.to_string(), "unknown channel_type name `teams`");
    }
}
