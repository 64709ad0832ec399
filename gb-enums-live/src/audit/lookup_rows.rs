//! A lookup table's rows against the registry, whatever the backend they were read from.

use gb_enums_codegen::render::sql::lookup_table;
use gb_enums_codegen::{Dialect, EnumDef};

use super::finding::{Finding, Kind, Report};

/// One row of `enum_<key>`, as read (every column may be NULL in a table someone edited).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LookupRow {
    /// `value`.
    pub value: i64,
    /// `name`.
    pub name: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// `deprecated`: NULL, or the deprecation note.
    pub deprecated: Option<String>,
}

/// One sentence per value whose row is missing, extra or different, in value order.
///
/// ```
/// use gb_enums_codegen::{parse_registry, Source};
/// use gb_enums_live::audit::lookup_rows::{differences, LookupRow};
///
/// let r = parse_registry(Source::new("s.toml", r#"
/// [enums.e]
/// variants = [{ value = 0, name = "a", description = "A" }, { value = 1, name = "b", description = "B", deprecated = "use a" }]
/// "#)).unwrap();
/// let row = |value, name: &str, d: Option<&str>| LookupRow { value, name: Some(name.into()), description: Some(name.to_uppercase()), deprecated: d.map(Into::into) };
/// assert!(differences(&r.enums[0], &[row(0, "a", None), row(1, "b", Some("use a"))]).is_empty());
/// assert_eq!(
///     differences(&r.enums[0], &[row(0, "x", None), row(9, "z", None)]),
///     ["value 0: name `x` (registry `a`), description `X` (registry `A`)", "value 1 (`b`) has no row", "value 9 is not in the registry"]
/// );
/// ```
pub fn differences(e: &EnumDef, rows: &[LookupRow]) -> Vec<String> {
    let mut values: Vec<i64> = rows
        .iter()
        .map(|r| r.value)
        .chain(e.variants.iter().map(|v| i64::from(v.value.value)))
        .collect();
    values.sort_unstable();
    values.dedup();
    let mut out = Vec::new();
    for value in values {
        let row = rows.iter().find(|r| r.value == value);
        let variant = i16::try_from(value)
            .ok()
            .and_then(|v| e.variant_by_value(v));
        match (row, variant) {
            (None, Some(v)) => out.push(format!("value {value} (`{}`) has no row", v.name.value)),
            (Some(_), None) => out.push(format!("value {value} is not in the registry")),
            (Some(r), Some(v)) => {
                let mut diffs = Vec::new();
                if r.name.as_deref() != Some(v.name.value.as_str()) {
                    diffs.push(format!(
                        "name {} (registry `{}`)",
                        shown(&r.name),
                        v.name.value
                    ));
                }
                if r.description.as_deref() != Some(v.description.as_str()) {
                    diffs.push(format!(
                        "description {} (registry `{}`)",
                        shown(&r.description),
                        v.description
                    ));
                }
                if r.deprecated != v.deprecated {
                    diffs.push(format!(
                        "deprecated {} (registry {})",
                        shown(&r.deprecated),
                        v.deprecated
                            .as_deref()
                            .map_or_else(|| "NULL".to_owned(), |d| format!("`{d}`"))
                    ));
                }
                if !diffs.is_empty() {
                    out.push(format!("value {value}: {}", diffs.join(", ")));
                }
            }
            (None, None) => {}
        }
    }
    out
}

fn shown(s: &Option<String>) -> String {
    s.as_deref()
        .map_or_else(|| "NULL".to_owned(), |s| format!("`{s}`"))
}

/// The columns every lookup table has, as `gb-enums sql` creates it.
pub const COLUMNS: [&str; 4] = ["value", "name", "description", "deprecated"];

/// Adds the findings about the lookup table of `e`: `columns` are its live columns (empty:
/// the table does not exist), `rows` its rows when it has every column of [`COLUMNS`].
pub(crate) fn compare(
    report: &mut Report,
    dialect: Dialect,
    e: &EnumDef,
    columns: &[String],
    rows: &[LookupRow],
) {
    let table = lookup_table(&e.key.value);
    let fix = format!(
        "apply `gb-enums sql --dialect {}` (or the [output] sql file) again: it upserts every row and deletes the others",
        dialect.as_str()
    );
    if columns.is_empty() {
        report.findings.push(
            Finding::new(
                Kind::LookupMissing,
                &table,
                None,
                format!(
                    "lookup table `{table}` of enum {} does not exist",
                    e.key.value
                ),
            )
            .fix(fix),
        );
        return;
    }
    let missing = missing_columns(columns);
    if !missing.is_empty() {
        report.findings.push(
            Finding::new(
                Kind::LookupMismatch,
                &table,
                None,
                format!(
                    "lookup table `{table}` lacks the column{} {}",
                    if missing.len() == 1 { "" } else { "s" },
                    missing
                        .iter()
                        .map(|c| format!("`{c}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .fix(format!(
                "drop `{table}` and apply `gb-enums sql --dialect {}` again",
                dialect.as_str()
            )),
        );
        return;
    }
    let differences = differences(e, rows);
    if !differences.is_empty() {
        let n = differences.len();
        report.findings.push(
            Finding::new(
                Kind::LookupMismatch,
                &table,
                None,
                format!(
                    "{n} row{} of `{table}` differ{} from enum {}: {}",
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "s" } else { "" },
                    e.key.value,
                    differences.join("; ")
                ),
            )
            .count(n as u64)
            .fix(fix),
        );
    }
}

/// The columns of [`COLUMNS`] that `columns` lacks.
pub(crate) fn missing_columns(columns: &[String]) -> Vec<&'static str> {
    COLUMNS
        .iter()
        .copied()
        .filter(|c| !columns.iter().any(|k| k.eq_ignore_ascii_case(c)))
        .collect()
}
