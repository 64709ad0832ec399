//! The lookup table `enum_<key>` against the registry: every value's row, name, description
//! and deprecation note, as `gb-enums sql` writes them.

use gb_enums_codegen::render::sql::lookup_table;
use gb_enums_codegen::sql_quote::ident;
use gb_enums_codegen::{Dialect, EnumDef};
use postgres::Transaction;

use super::query_error;
use crate::audit::finding::Report;
use crate::audit::lookup_rows::{self, missing_columns, LookupRow, COLUMNS};
use crate::connection::Error;

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
    let mut rows = Vec::new();
    if !columns.is_empty() && missing_columns(&columns).is_empty() {
        let [value, name, description, deprecated] = COLUMNS.map(|c| ident(Dialect::Postgres, c));
        let sql = format!(
            "SELECT {value}::int8, {name}::text, {description}::text, {deprecated}::text FROM {} ORDER BY 1",
            ident(Dialect::Postgres, &table)
        );
        rows = tx
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
    }
    lookup_rows::compare(report, Dialect::Postgres, e, &columns, &rows);
    Ok(())
}
