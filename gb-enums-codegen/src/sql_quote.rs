//! Quoting of SQL string literals and identifiers, per dialect.
//!
//! Every renderer that writes SQL (lookup tables, migrations, templates) goes through here,
//! so that a description such as `'); DROP TABLE x; --` is data in every output.

use std::fmt::Write as _;

use crate::model::Dialect;

/// A string literal (or, for control characters, a string expression) that reads back as
/// exactly `s` in `dialect`, whatever the server's settings and whichever tool runs the file.
///
/// - PostgreSQL: `'...'` with `'` doubled; with a control character or a backslash, an
///   `E'...'` literal with backslash escapes, which reads the same whether or not
///   `standard_conforming_strings` is on (with it off, `'\'` would end early) and keeps
///   newlines out of the file, for tools that read it line by line.
/// - SQLite: `'...'` with `'` doubled (it has no backslash escapes); control characters are
///   concatenated as `char(...)`, because the `sqlite3` shell drops a `\r` that ends a line.
/// - MySQL/MariaDB: `'...'` with `'` doubled; backslashes and control characters are
///   concatenated as `CHAR(... USING utf8mb4)` (their UTF-8 bytes), because a backslash
///   means one thing with `NO_BACKSLASH_ESCAPES` and another without it, and only a literal
///   free of backslashes reads the same in both modes.
///
/// A NUL character cannot be stored in PostgreSQL text; it is written as U+FFFD.
///
/// ```
/// use gb_enums_codegen::{sql_quote::literal, Dialect};
/// assert_eq!(literal(Dialect::Postgres, "it's"), "'it''s'");
/// assert_eq!(literal(Dialect::Postgres, "a\nb"), r"E'a\nb'");
/// assert_eq!(literal(Dialect::Postgres, r"a\b"), r"E'a\\b'");
/// assert_eq!(literal(Dialect::Mysql, "it's"), "'it''s'");
/// assert_eq!(literal(Dialect::Mysql, r"a\b"), "CONCAT('a', CHAR(92 USING utf8mb4), 'b')");
/// assert_eq!(literal(Dialect::Mysql, "\r\n"), "CHAR(13, 10 USING utf8mb4)");
/// assert_eq!(literal(Dialect::Sqlite, "a\r\nb"), "('a' || char(13, 10) || 'b')");
/// // Many lines nest as a balanced tree (SQLite limits an expression's depth).
/// let long = literal(Dialect::Sqlite, &"x\n".repeat(5000));
/// let depth = long.chars().scan(0i32, |d, c| {
///     *d += match c { '(' => 1, ')' => -1, _ => 0 };
///     Some(*d)
/// });
/// assert!(depth.max().unwrap() < 20);
/// ```
pub fn literal(dialect: Dialect, s: &str) -> String {
    match dialect {
        Dialect::Postgres => postgres_literal(s),
        Dialect::Sqlite | Dialect::Mysql => concatenated(dialect, s),
    }
}

fn postgres_literal(s: &str) -> String {
    let escape_form = s.chars().any(|c| c.is_control() || c == '\\');
    let mut out = String::with_capacity(s.len() + 3);
    out.push_str(if escape_form { "E'" } else { "'" });
    for c in s.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\0' => out.push('\u{FFFD}'),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// Whether `c` is written as a character code rather than inside quotes.
fn coded(dialect: Dialect, c: char) -> bool {
    c.is_control() || (dialect == Dialect::Mysql && c == '\\')
}

/// `s` as quoted runs and runs of character codes, concatenated (SQLite, MySQL).
fn concatenated(dialect: Dialect, s: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut rest = s;
    while !rest.is_empty() {
        let plain_len = rest
            .char_indices()
            .find(|&(_, c)| coded(dialect, c))
            .map_or(rest.len(), |(i, _)| i);
        let (plain, tail) = rest.split_at(plain_len);
        if !plain.is_empty() {
            parts.push(format!("'{}'", plain.replace('\'', "''")));
        }
        let code_len = tail
            .char_indices()
            .find(|&(_, c)| !coded(dialect, c))
            .map_or(tail.len(), |(i, _)| i);
        let (codes, tail) = tail.split_at(code_len);
        if !codes.is_empty() {
            parts.push(match dialect {
                // `char()` takes code points; `CHAR()` takes bytes.
                Dialect::Sqlite => format!("char({})", join_numbers(codes.chars().map(u32::from))),
                _ => format!(
                    "CHAR({} USING utf8mb4)",
                    join_numbers(codes.bytes().map(u32::from))
                ),
            });
        }
        rest = tail;
    }
    match (parts.len(), dialect) {
        (0, _) => "''".to_string(),
        (1, _) => parts.pop().unwrap_or_default(),
        (_, Dialect::Sqlite) => format!("({})", sqlite_concat(&parts)),
        _ => format!("CONCAT({})", parts.join(", ")),
    }
}

/// `parts` joined by `||`, nested as a balanced tree: SQLite refuses an expression more
/// than 1,000 levels deep, which a flat chain of a long description's lines would be.
fn sqlite_concat(parts: &[String]) -> String {
    if parts.len() <= 64 {
        return parts.join(" || ");
    }
    let (left, right) = parts.split_at(parts.len() / 2);
    format!("({}) || ({})", sqlite_concat(left), sqlite_concat(right))
}

fn join_numbers(n: impl Iterator<Item = u32>) -> String {
    n.map(|n| n.to_string()).collect::<Vec<_>>().join(", ")
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
