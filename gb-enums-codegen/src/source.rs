//! Source text, byte spans and their `line:col` locations.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

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
#[derive(Clone, Debug)]
pub struct Source {
    /// The path as shown in messages (relative where that is shorter).
    pub name: String,
    /// The absolute path, when the text came from a file.
    pub path: Option<PathBuf>,
    /// The text.
    pub text: String,
    /// Where each line starts, built on the first location asked for: locating N problems
    /// then costs N binary searches, not N scans of the text.
    lines: OnceLock<LineIndex>,
}

// The line index is a cache of `text`: two sources are equal when what they show is.
impl PartialEq for Source {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.path == other.path && self.text == other.text
    }
}

impl Eq for Source {}

impl Source {
    /// A source not read from a file (tests, stdin, a git revision).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            name: name.into(),
            path: None,
            text: text.into(),
            lines: OnceLock::new(),
        }
    }

    /// A source read from `path`, shown as `name`.
    pub fn from_file(name: impl Into<String>, path: &Path, text: String) -> Self {
        Source {
            name: name.into(),
            path: Some(path.to_path_buf()),
            text,
            lines: OnceLock::new(),
        }
    }

    /// The location of a byte offset (clamped to the text), in time logarithmic in the
    /// number of lines plus the length of its line when that line is not ASCII.
    ///
    /// ```
    /// use gb_enums_codegen::{source::Location, Source};
    /// let s = Source::new("t.toml", "a = 1\nbé = 2\n");
    /// assert_eq!(s.location(10), Location { line: 2, col: 4 });
    /// ```
    pub fn location(&self, offset: usize) -> Location {
        let index = self.lines.get_or_init(|| LineIndex::new(&self.text));
        if index.len != self.text.len() {
            // The text was changed after the index was built (its field is public).
            return location_in(&self.text, offset);
        }
        index.locate(&self.text, offset)
    }
}

/// The start of every line of a text, and whether the line is ASCII (where a column is a
/// byte difference).
#[derive(Clone, Debug)]
struct LineIndex {
    /// The length of the text it was built for.
    len: usize,
    /// Byte offset of each line's first byte.
    starts: Vec<usize>,
    /// Whether each line is ASCII.
    ascii: Vec<bool>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        let mut ascii = Vec::new();
        let mut line_ascii = true;
        for (i, b) in text.bytes().enumerate() {
            line_ascii &= b.is_ascii();
            if b == b'\n' {
                starts.push(i + 1);
                ascii.push(line_ascii);
                line_ascii = true;
            }
        }
        ascii.push(line_ascii);
        LineIndex {
            len: text.len(),
            starts,
            ascii,
        }
    }

    fn locate(&self, text: &str, offset: usize) -> Location {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        // The last line starting at or before `offset`.
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let col = if self.ascii[line] {
            offset - start
        } else {
            text[start..offset].chars().count()
        };
        Location {
            line: line + 1,
            col: col + 1,
        }
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

    #[test]
    fn the_line_index_agrees_with_the_scan_at_every_offset() {
        for text in [
            "",
            "a",
            "\n",
            "a = 1\nbé = 2\n",
            "日本\n\n語 x\r\ny",
            "x\n🚀\nz",
        ] {
            let source = Source::new("t", text);
            for offset in 0..=text.len() + 2 {
                assert_eq!(
                    source.location(offset),
                    location_in(text, offset),
                    "{text:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn a_changed_text_is_still_located_right() {
        let mut source = Source::new("t", "a\nb");
        assert_eq!(source.location(2), Location { line: 2, col: 1 });
        source.text.insert_str(0, "x\n");
        assert_eq!(source.location(4), Location { line: 3, col: 1 });
    }
}
