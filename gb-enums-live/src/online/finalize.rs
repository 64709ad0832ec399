//! Step 6, `--finalize`: once the application runs on the converted columns and going back
//! is no longer wanted, drops the kept columns (with their indexes, dropped concurrently
//! first so that the final transaction only writes the catalog), the trigger and its
//! function, and the table's progress row.

use super::catalog::{self, Table};
use super::session::Session;
use super::sql::ident;
use super::{shadow, state, TableReport};
use crate::connection::Error;

/// Finalizes `table` if its conversion was swapped.
pub fn run(session: &mut Session, table: &Table) -> Result<TableReport, Error> {
    let mut report = TableReport {
        table: table.qualified.clone(),
        outcome: String::new(),
        rows: 0,
        indexes: 0,
        constraints: 0,
    };
    let progress = state::load(session, table)?;
    match progress.as_ref().map(|p| p.phase.as_str()) {
        Some("swapped") => {}
        Some(_) => {
            return Err(Error::new(format!(
                "{}: the conversion is not finished (not swapped yet): run it to the end, or run it the other way to undo it, before `--finalize`",
                table.qualified
            )))
        }
        None => {
            report.outcome = "nothing to finalize".to_owned();
            return Ok(report);
        }
    }
    let kept: Vec<String> = table
        .columns
        .iter()
        .filter_map(|c| c.other_attr.as_ref().map(|a| a.attnum.to_string()))
        .collect();
    if !table.partitioned && !kept.is_empty() {
        for index in catalog::indexes(session, table, &kept.join(","))? {
            // CONCURRENTLY: no lock that blocks the application while the index goes.
            session.execute(&format!(
                "DROP INDEX CONCURRENTLY IF EXISTS {}.{}",
                table.nsp, index.quoted
            ))?;
            report.indexes += 1;
        }
    }
    let drops: Vec<String> = table
        .columns
        .iter()
        .filter(|c| c.other_attr.is_some())
        .map(|c| format!("DROP COLUMN {}", ident(&c.other)))
        .collect();
    let mut sql = format!(
        "DROP TRIGGER IF EXISTS gb_enums_sync ON {t}; DROP FUNCTION IF EXISTS {f}()",
        t = table.qualified,
        f = shadow::function_name(table)
    );
    if !drops.is_empty() {
        sql.push_str(&format!(
            "; ALTER TABLE {} {}",
            table.qualified,
            drops.join(", ")
        ));
    }
    session.ddl_on(&table.oid, &format!("finalizing {}", table.qualified), &sql)?;
    state::delete(session, table)?;
    report.outcome = format!("finalized: {} kept column(s) dropped", drops.len());
    Ok(report)
}
