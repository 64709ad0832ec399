//! Quoting of SQL string literals and identifiers, per dialect.
//!
//! Every renderer that writes SQL (lookup tables, migrations, templates) goes through here,
//! so that a description such as `'); DROP TABLE x; --` is data in every output.

use crate::model::Dialect;

/// A string literal that reads back as exactly `s` in `dialect`.
///
/// - PostgreSQL: `'...'` with `'` doubled; with a control character, an `E'...'` literal
///   with backslash escapes, so that newlines survive tools that read the file line by line;
///   with a backslash, an `E'...'` literal too, which reads the same whether or not
///   `standard_conforming_strings` is on (with it off, `'\'` would end early).
/// - SQLite: `'...'` with `'` doubled (it has no backslash escapes; newlines are kept as is).
/// - MySQL/MariaDB: `'...'` with `'` doubled and `\` doubled (backslash is an escape there
///   unless `NO_BACKSLASH_ESCAPES` is set, and doubling is correct in both modes only for
///   `'`; so control characters are written as escapes too).
///
/// A NUL character cannot be stored in PostgreSQL text; it is written as U+FFFD.
///
/// ```
/// use gb_enums_codegen::{sql_quote::literal, Dialect};
/// assert_eq!(literal(Dialect::Postgres, "it's"), "'it''s'");
/// assert_eq!(literal(Dialect::Mysql, r"a\b"), r"'a\\b'");
/// assert_eq!(literal(Dialect::Postgres, "a\nb"), r"E'a\nb'");
/// assert_eq!(literal(Dialect::Postgres, r"a\b"), r"E'a\\b'");
/// ```
pub fn literal(dialect: Dialect, s: &str) -> String {
    let escape_form = s
        .chars()
        .any(|c| c.is_control() || (dialect == Dialect::Postgres && c == '\\'));
    let mut out = String::with_capacity(s.len() + 2);
    match dialect {
        Dialect::Postgres if escape_form => {
            out.push_str("E'");
            for c in s.chars() {
                match c {
                    '\'' => out.push_str("''"),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    '\0' => out.push('\u{FFFD}'),
                    c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
                    c => out.push(c),
                }
            }
        }
        Dialect::Postgres | Dialect::Sqlite => {
            out.push('\'');
            for c in s.chars() {
                match c {
                    '\'' => out.push_str("''"),
                    '\0' if dialect == Dialect::Postgres => out.push('\u{FFFD}'),
                    c => out.push(c),
                }
            }
        }
        Dialect::Mysql => {
            out.push('\'');
            for c in s.chars() {
                match c {
                    '\'' => out.push_str("''"),
                    '\\' => out.push_str("\\\\"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    '\t' => out.push_str("\\t"),
                    '\0' => out.push_str("\\0"),
                    '\u{1A}' => out.push_str("\\Z"),
                    c => out.push(c),
                }
            }
        }
    }
    out.push('\'');
    out
}

/// An identifier, quoted for `dialect` (`"x"` or `` `x` ``) with the quote character doubled.
///
/// ```
/// use gb_enums_codegen::{sql_quote::ident, Dialect};
/// assert_eq!(ident(Dialect::Postgres, "auto_tasks"), "\"auto_tasks\"");
/// assert_eq!(ident(Dialect::Mysql, "a`b"), "`a``b`");
/// ```
pub fn ident(dialect: Dialect, name: &str) -> String {
    let q = match dialect {
        Dialect::Mysql => '`',
        Dialect::Postgres | Dialect::Sqlite => '"',
    };
    let mut out = String::with_capacity(name.len() + 2);
    out.push(q);
    for c in name.chars() {
        if c == q {
            out.push(q);
        }
        out.push(c);
    }
    out.push(q);
    out
}

/// A PostgreSQL dollar-quoted string holding `body` verbatim, e.g. the body of a `DO` block.
///
/// The tag is `$gb_enums$`, lengthened with a number while the tag occurs in `body` or across
/// its end, so no content of the body can end the quote early.
///
/// ```
/// use gb_enums_codegen::sql_quote::dollar_quote;
/// assert_eq!(dollar_quote("SELECT 1;"), "$gb_enums$SELECT 1;$gb_enums$");
/// assert_eq!(dollar_quote("x $gb_enums$ y"), "$gb_enums_1$x $gb_enums$ y$gb_enums_1$");
/// assert_eq!(dollar_quote("ends in $gb_enums"), "$gb_enums_1$ends in $gb_enums$gb_enums_1$");
/// ```
pub fn dollar_quote(body: &str) -> String {
    let mut tag = "$gb_enums$".to_string();
    let mut n = 0u32;
    while format!("{body}{tag}").find(&tag) != Some(body.len()) {
        n += 1;
        tag = format!("$gb_enums_{n}$");
    }
    format!("{tag}{body}{tag}")
}
