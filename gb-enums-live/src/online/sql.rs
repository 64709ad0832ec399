//! The SQL of the online conversion, kept in readable `.sql` files next to this module, and
//! the quoting that puts values into it (the simple query protocol has no parameters).

use gb_enums_codegen::sql_quote;
use gb_enums_codegen::Dialect;

pub(crate) const CATALOG: &str = include_str!("sql/catalog.sql");
pub(crate) const STATE: &str = include_str!("sql/state.sql");
pub(crate) const TRIGGER: &str = include_str!("sql/trigger.sql");
pub(crate) const TRIGGER_COLUMN: &str = include_str!("sql/trigger_column.sql");
pub(crate) const BACKFILL: &str = include_str!("sql/backfill.sql");

/// The query after `-- name: NAME` in `file`, up to the next section.
pub(crate) fn section(file: &str, name: &str) -> String {
    let marker = format!("-- name: {name}\n");
    let start = file
        .find(&marker)
        .map(|i| i + marker.len())
        .unwrap_or_else(|| panic!("no section `{name}` in the SQL file"));
    let rest = &file[start..];
    let end = rest.find("\n-- name: ").unwrap_or(rest.len());
    rest[..end].trim().trim_end_matches(';').to_owned()
}

/// `template` with each `{{key}}` replaced by its value; leading `--` comment lines dropped.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out: String = template
        .lines()
        .skip_while(|l| l.starts_with("--"))
        .collect::<Vec<_>>()
        .join("\n");
    for (k, v) in values {
        out = out.replace(&format!("{{{{{k}}}}}"), v);
    }
    debug_assert!(!out.contains("{{"), "unfilled placeholder in {out}");
    out.trim().trim_end_matches(';').to_owned()
}

/// A PostgreSQL string literal.
pub(crate) fn lit(s: &str) -> String {
    sql_quote::literal(Dialect::Postgres, s)
}

/// A PostgreSQL identifier, quoted when needed.
pub(crate) fn ident(s: &str) -> String {
    sql_quote::ident(Dialect::Postgres, s)
}

/// A dollar-quoted body that its content cannot end early.
pub(crate) fn dollar(body: &str) -> String {
    sql_quote::dollar_quote(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_is_found_and_filled() {
        for name in [
            "table",
            "key",
            "columns",
            "partitions",
            "blockers",
            "indexes",
            "index_by_name",
            "partition_indexes",
            "checks",
            "busy",
            "wal_position",
        ] {
            assert!(!section(CATALOG, name).is_empty(), "{name}");
        }
        assert_eq!(fill("-- c\nSELECT {{a}};\n", &[("a", "1")]), "SELECT 1");
    }
}
