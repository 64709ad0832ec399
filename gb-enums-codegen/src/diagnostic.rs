//! Located errors and the collector that gathers them.

use std::fmt;

use crate::source::{Location, Source, Span};

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// Makes the registry (or the change) unusable.
    Error,
    /// Worth knowing; does not fail anything by itself.
    Warning,
}

/// One problem, with the file, line and column it is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file as shown to the user.
    pub file: String,
    /// Where in the file; `None` for a problem with the file as a whole (e.g. missing).
    pub location: Option<Location>,
    /// The byte span, when there is one.
    pub span: Option<Span>,
    /// The message: lowercase, no final period, names in backticks.
    pub message: String,
    /// The registry enum the problem belongs to, so that the macro can still generate the
    /// enums that are fine and avoid a cascade of "cannot find type" errors.
    pub enum_key: Option<String>,
}

impl Diagnostic {
    /// An error about `span` of `source`.
    pub fn error(source: &Source, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: source.name.clone(),
            location: Some(source.location(span.start)),
            span: Some(span),
            message: message.into(),
            enum_key: None,
        }
    }

    /// An error about a file as a whole.
    pub fn file_error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            location: None,
            span: None,
            message: message.into(),
            enum_key: None,
        }
    }

    /// The same diagnostic as a warning.
    pub fn warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    /// The same diagnostic, tied to the enum `key`.
    pub fn in_enum(mut self, key: &str) -> Self {
        self.enum_key = Some(key.to_owned());
        self
    }

    /// `file:line:col: message`, without the `error: ` prefix.
    pub fn located_message(&self) -> String {
        match self.location {
            Some(loc) => format!("{}:{}: {}", self.file, loc, self.message),
            None => format!("{}: {}", self.file, self.message),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        // Written piece by piece, not through `located_message`: printing N diagnostics
        // then allocates nothing per diagnostic.
        match self.location {
            Some(loc) => write!(f, "{level}: {}:{}: {}", self.file, loc, self.message),
            None => write!(f, "{level}: {}: {}", self.file, self.message),
        }
    }
}

/// How many diagnostics at one place are compared one by one before a set is used.
const LONG_RUN: usize = 16;

/// Every diagnostic of one run, in the order of the file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds a diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Sorts by file, then position, whole-file problems first; the sort is stable, so
    /// problems at one place keep the order they were found in. Exact repeats are removed
    /// wherever they stand (two checks may find the same problem).
    pub fn sort(&mut self) {
        fn key(d: &Diagnostic) -> (&str, Option<Location>, Option<usize>) {
            (&d.file, d.location, d.span.map(|s| s.start))
        }
        // Sorting first puts exact repeats next to each other (they share the sort key), so
        // repeats are found within each run of one key, without cloning or hashing every
        // diagnostic: 100,000 problems cost a sort, not 10^10 compares nor 10^5 clones.
        self.0.sort_by(|a, b| key(a).cmp(&key(b)));
        let all = std::mem::take(&mut self.0);
        let mut kept: Vec<Diagnostic> = Vec::with_capacity(all.len());
        // Where the run of the current key starts in `kept`, and, once the run is long, the
        // set of what it holds (a run of one key is almost always one diagnostic long).
        let mut run = 0;
        let mut run_set: Option<std::collections::HashSet<Diagnostic>> = None;
        for d in all {
            if kept.get(run).is_none_or(|first| key(first) != key(&d)) {
                run = kept.len();
                run_set = None;
                kept.push(d);
                continue;
            }
            let repeat = match &mut run_set {
                Some(set) => !set.insert(d.clone()),
                None if kept.len() - run < LONG_RUN => kept[run..].contains(&d),
                None => {
                    let mut set: std::collections::HashSet<Diagnostic> =
                        kept[run..].iter().cloned().collect();
                    let repeat = !set.insert(d.clone());
                    run_set = Some(set);
                    repeat
                }
            };
            if !repeat {
                kept.push(d);
            }
        }
        self.0 = kept;
    }

    /// Iterates over the diagnostics.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(source: &Source, start: usize, message: &str) -> Diagnostic {
        Diagnostic::error(source, Span::new(start, start + 1), message)
    }

    #[test]
    fn sort_orders_by_position_keeps_order_at_one_place_and_drops_repeats() {
        let s = Source::new("schema.toml", "a = 1\nb = 2\nc = 3\n");
        let mut d = Diagnostics(vec![
            at(&s, 12, "third"),
            at(&s, 6, "second, found first"),
            Diagnostic::file_error("schema.toml", "whole file"),
            at(&s, 6, "second, found next"),
            at(&s, 12, "third"),
            at(&s, 0, "first"),
            at(&s, 6, "second, found first"),
        ]);
        d.sort();
        let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "whole file",
                "first",
                "second, found first",
                "second, found next",
                "third"
            ]
        );
    }

    #[test]
    fn repeats_in_a_long_run_at_one_place_are_dropped_and_the_order_kept() {
        let s = Source::new("schema.toml", "a = 1\n");
        // More than `LONG_RUN` distinct messages at one place, each found twice.
        let messages: Vec<String> = (0..3 * LONG_RUN).map(|i| format!("m{i}")).collect();
        let mut all = Vec::new();
        for m in messages.iter().chain(messages.iter().rev()) {
            all.push(at(&s, 0, m));
        }
        let mut d = Diagnostics(all);
        d.sort();
        let kept: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            kept,
            messages.iter().map(String::as_str).collect::<Vec<_>>()
        );
    }

    #[test]
    fn files_sort_by_name_before_position() {
        let a = Source::new("a.toml", "x\ny\n");
        let b = Source::new("b.toml", "x\ny\n");
        let mut d = Diagnostics(vec![at(&b, 0, "b"), at(&a, 2, "a")]);
        d.sort();
        assert_eq!(
            d.iter().map(|d| d.file.as_str()).collect::<Vec<_>>(),
            ["a.toml", "b.toml"]
        );
    }
}
