//! Source text, byte spans and their `line:col` locations.

use std::fmt;
use std::path::{Path, PathBuf};

/// A byte range in a source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from a byte range.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

impl From<core::ops::Range<usize>> for Span {
    fn from(r: core::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A value with the span it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    /// The value.
    pub value: T,
    /// Where it stands in the source.
    pub span: Span,
}

impl<T> Spanned<T> {
    /// Pairs a value with its span.
    pub fn new(value: T, span: Span) -> Self {
        Spanned { value, span }
    }
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, in characters.
    pub col: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A file's text and the name it is shown under in messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The path as shown in messages (relative where that is shorter).
    pub name: String,
    /// The absolute path, when the text came from a file.
    pub path: Option<PathBuf>,
    /// The text.
    pub text: String,
}

impl Source {
    /// A source not read from a file (tests, stdin, a git revision).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            name: name.into(),
            path: None,
            text: text.into(),
        }
    }

    /// A source read from `path`, shown as `name`.
    pub fn from_file(name: impl Into<String>, path: &Path, text: String) -> Self {
        Source {
            name: name.into(),
            path: Some(path.to_path_buf()),
            text,
        }
    }

    /// The location of a byte offset (clamped to the text).
    pub fn location(&self, offset: usize) -> Location {
        location_in(&self.text, offset)
    }
}

/// The 1-based line and column of a byte offset in `text`.
pub fn location_in(text: &str, offset: usize) -> Location {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    Location { line, col }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_count_lines_and_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(location_in(text, 0), Location { line: 1, col: 1 });
        assert_eq!(location_in(text, 6), Location { line: 2, col: 1 });
        // `=` after the two-byte `é` is the fourth character of line 2.
        assert_eq!(location_in(text, 10), Location { line: 2, col: 4 });
        assert_eq!(location_in(text, 999), Location { line: 3, col: 1 });
        // An offset inside a multi-byte character does not panic.
        assert_eq!(location_in(text, 8), Location { line: 2, col: 2 });
    }
}
