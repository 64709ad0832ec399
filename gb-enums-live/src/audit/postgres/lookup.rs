//! The lookup table `enum_<key>` against the registry: every value's row, name, description
//! and deprecation note, as `gb-enums sql` writes them.

use gb_enums_codegen::render::sql::lookup_table;
use gb_enums_codegen::sql_quote::ident;
use gb_enums_codegen::{Dialect, EnumDef};
use postgres::Transaction;

use super::query_error;
use crate::audit::finding::{Finding, Kind, Report};
use crate::audit::lookup_rows::{differences, LookupRow};
use crate::connection::Error;

const COLUMNS: [&str; 4] = ["value", "name", "description", "deprecated"];
const FIX: &str = "apply `gb-enums sql --dialect postgres` (or the [output] sql file) again: it upserts every row and deletes the others";

/// Compares `enum_<key>` with enum `e`.
pub(super) fn compare(
    tx: &mut Transaction<'_>,
    e: &EnumDef,
    report: &mut Report,
) -> Result<(), Error> {
    let table = lookup_table(&e.key.value);
    let what = format!("lookup table `{table}`");
    let columns: Vec<String> = tx
        .query(include_str!("lookup_columns.sql"), &[&table])
        .map_err(query_error(&what))?
        .iter()
        .map(|r| r.get(0))
        .collect();
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
            .fix(FIX),
        );
        return Ok(());
    }
    let missing: Vec<&str> = COLUMNS
        .iter()
        .copied()
        .filter(|c| !columns.iter().any(|k| k == c))
        .collect();
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
                "drop `{table}` and apply `gb-enums sql --dialect postgres` again"
            )),
        );
        return Ok(());
    }
    let [value, name, description, deprecated] = COLUMNS.map(|c| ident(Dialect::Postgres, c));
    let sql = format!(
        "SELECT {value}::int8, {name}::text, {description}::text, {deprecated}::text FROM {} ORDER BY 1",
        ident(Dialect::Postgres, &table)
    );
    let rows: Vec<LookupRow> = tx
        .query(&sql, &[])
        .map_err(query_error(&what))?
        .iter()
        .map(|r| LookupRow {
            value: r.get(0),
            name: r.get(1),
            description: r.get(2),
            deprecated: r.get(3),
        })
        .collect();
    let differences = differences(e, &rows);
    if !differences.is_empty() {
        report.findings.push(
            Finding::new(
                Kind::LookupMismatch,
                &table,
                None,
                format!(
                    "{} row{} of `{table}` differ{} from enum {}: {}",
                    differences.len(),
                    if differences.len() == 1 { "" } else { "s" },
                    if differences.len() == 1 { "s" } else { "" },
                    e.key.value,
                    differences.join("; ")
                ),
            )
            .count(differences.len() as u64)
            .fix(FIX),
        );
    }
    Ok(())
}
