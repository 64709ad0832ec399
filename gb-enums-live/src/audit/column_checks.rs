//! The checks of a column's default and comment, shared by every backend.

use gb_enums_codegen::render::sql::column_comment;
use gb_enums_codegen::sql_quote::{ident, literal};
use gb_enums_codegen::{ColumnDef, Dialect, EnumDef};

use super::finding::{Finding, Kind, Report};

/// MySQL's limit on a column comment, in characters (as in `gb-enums sql`).
const MYSQL_COLUMN_COMMENT_MAX: usize = 1024;

/// The value of the column's `[tables]` default.
pub(crate) fn expected_default(c: &ColumnDef, e: &EnumDef) -> Option<i16> {
    let d = c.default.as_ref()?;
    e.variant_by_name(&d.value).map(|v| v.value.value)
}

/// The number a default expression stands for: `0`, `(-1)`, `'2'::smallint`...
pub(crate) fn default_number(expr: &str) -> Option<i64> {
    let mut s = expr.trim();
    loop {
        let before = s;
        if let Some(inner) = s.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
            s = inner.trim();
        }
        if let Some(pos) = s.rfind("::") {
            // `'-1'::integer`, `0::smallint`: the cast keeps the number.
            if s[pos + 2..]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '_')
            {
                s = s[..pos].trim();
            }
        }
        if let Some(inner) = s.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
            s = inner.trim();
        }
        if s == before {
            break;
        }
    }
    s.parse().ok()
}

pub(crate) fn check_default(
    report: &mut Report,
    dialect: Dialect,
    table: &str,
    c: &ColumnDef,
    e: &EnumDef,
    actual: Option<&str>,
) {
    let col = c.name.value.as_str();
    let expected = expected_default(c, e);
    let actual_number = actual.and_then(default_number);
    let matches = match (expected, actual) {
        (None, None) => true,
        (Some(v), Some(_)) => actual_number == Some(i64::from(v)),
        _ => false,
    };
    if matches {
        return;
    }
    let said = match actual {
        Some(a) => format!("the default of `{col}` is `{a}`"),
        None => format!("column `{col}` has no default"),
    };
    let (wanted, fix) = match (expected, c.default.as_ref()) {
        (Some(v), Some(d)) if dialect == Dialect::Sqlite => (
            format!("[tables] says `{}` = {v}", d.value),
            format!("declare `DEFAULT {v}` for it when the table is next recreated (SQLite cannot alter a default)"),
        ),
        (Some(v), Some(d)) => (
            format!("[tables] says `{}` = {v}", d.value),
            format!(
                "ALTER TABLE {} ALTER COLUMN {} SET DEFAULT {v}",
                ident(dialect, table),
                ident(dialect, col)
            ),
        ),
        _ => (
            "[tables] gives none".to_owned(),
            format!(
                "ALTER TABLE {} ALTER COLUMN {} DROP DEFAULT, or add `default` to the column in [tables]",
                ident(dialect, table),
                ident(dialect, col)
            ),
        ),
    };
    report.findings.push(
        Finding::new(
            Kind::DefaultDiffers,
            table,
            Some(col),
            format!("{said}; {wanted}"),
        )
        .fix(fix),
    );
}

pub(crate) fn check_comment(
    report: &mut Report,
    dialect: Dialect,
    table: &str,
    c: &ColumnDef,
    e: &EnumDef,
    actual: Option<&str>,
) {
    let col = c.name.value.as_str();
    let mut expected = column_comment(e, c);
    if dialect == Dialect::Mysql && expected.chars().count() > MYSQL_COLUMN_COMMENT_MAX {
        // `gb-enums sql` cuts it to MySQL's limit the same way.
        expected = expected
            .chars()
            .take(MYSQL_COLUMN_COMMENT_MAX - 1)
            .collect();
        expected.push('…');
    }
    if actual == Some(expected.as_str()) {
        return;
    }
    let said = match actual {
        Some(a) => format!("the comment of `{col}` is stale: {}", literal(dialect, a)),
        None => format!("column `{col}` has no comment"),
    };
    report.findings.push(
        Finding::new(
            Kind::CommentStale,
            table,
            Some(col),
            format!(
                "{said}; `gb-enums sql` writes {}",
                literal(dialect, &expected)
            ),
        )
        .fix(format!(
            "apply `gb-enums sql --dialect {}` (or the [output] sql file) again",
            dialect.as_str()
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::default_number;

    #[test]
    fn defaults_as_postgres_prints_them() {
        assert_eq!(default_number("0"), Some(0));
        assert_eq!(default_number("(-1)"), Some(-1));
        assert_eq!(default_number("'-1'::integer"), Some(-1));
        assert_eq!(default_number("'3'::smallint"), Some(3));
        assert_eq!(default_number("'pending'::character varying"), None);
        assert_eq!(default_number("nextval('s'::regclass)"), None);
        // MariaDB's information_schema.
        assert_eq!(default_number("'1'"), Some(1));
        assert_eq!(default_number("NULL"), None);
    }
}
