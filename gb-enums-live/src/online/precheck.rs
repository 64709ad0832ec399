//! Step 1: every stored value must have a counterpart, as in the offline migration: a string
//! that is no name or alias of the enum (up), or a number that is no value of it (down),
//! stops the conversion before anything changes, with each such value and its row count.
//! What would be left on the wrong column after the swap (a foreign key, a view, a generated
//! column) stops it too.

use super::session::Session;
use super::sql::ident;
use super::{catalog, map_expr, Direction};
use crate::connection::Error;

/// Checks the table's stored values (one read of the table per column) and its dependents.
pub fn run(
    session: &mut Session,
    table: &catalog::Table,
    direction: Direction,
) -> Result<(), Error> {
    let mut problems = catalog::blockers(session, table)?;
    if table.key.is_empty() {
        problems.push(format!(
            "{} has no primary key and no unique index of NOT NULL columns: the backfill needs one to walk the table in batches; add one (e.g. `ALTER TABLE {} ADD PRIMARY KEY (...)`)",
            table.qualified, table.qualified
        ));
    }
    for c in &table.columns {
        let col = ident(&c.name);
        let mapped = map_expr(&c.mapping, direction, &col);
        let rows = session.rows(&format!(
            "SELECT v, n FROM (SELECT {col}::text AS v, count(*) AS n FROM {t}
               WHERE {col} IS NOT NULL AND ({mapped}) IS NULL GROUP BY 1) AS unmapped
             ORDER BY n DESC, v LIMIT 20",
            t = table.qualified
        ))?;
        if !rows.is_empty() {
            let list: Vec<String> = rows
                .iter()
                .map(|r| {
                    let v = r[0].clone().unwrap_or_default();
                    let n = r[1].clone().unwrap_or_default();
                    let v = match direction {
                        Direction::Up => super::sql::lit(&v),
                        Direction::Down => v,
                    };
                    format!("{v} ({n} row{})", if n == "1" { "" } else { "s" })
                })
                .collect();
            problems.push(format!(
                "{}.{col} stores {} that {} no {} of enum {}: {}",
                table.qualified,
                if direction == Direction::Up {
                    "strings"
                } else {
                    "numbers"
                },
                if rows.len() == 1 { "is" } else { "are" },
                if direction == Direction::Up {
                    "name or alias"
                } else {
                    "value"
                },
                c.mapping.enum_key,
                list.join(", ")
            ));
        }
        if let Some(e) = default_problem(session, table, c, direction)? {
            problems.push(e);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::new(format!(
            "this run changed nothing, because:\n  - {}",
            problems.join("\n  - ")
        )))
    }
}

/// The default the converted column gets: `[tables]`'s, else the current one translated.
/// `Ok(None)` for no default.
pub fn new_default(
    session: &mut Session,
    column: &catalog::Column,
    direction: Direction,
    target_type: &str,
) -> Result<Option<String>, Error> {
    let m = &column.mapping;
    match direction {
        Direction::Up => {
            if let Some(v) = m.default_value {
                return Ok(Some(v.to_string()));
            }
        }
        Direction::Down => {
            if let Some(n) = &m.default_name {
                return Ok(Some(format!("{}::{target_type}", super::sql::lit(n))));
            }
        }
    }
    let Some(old) = column.attr.as_ref().and_then(|a| a.default.clone()) else {
        return Ok(None);
    };
    let mapped = session.value(&format!("SELECT {}", map_expr(m, direction, &old)))?;
    Ok(mapped.map(|v| match direction {
        Direction::Up => v,
        Direction::Down => format!("{}::{target_type}", super::sql::lit(&v)),
    }))
}

fn default_problem(
    session: &mut Session,
    table: &catalog::Table,
    column: &catalog::Column,
    direction: Direction,
) -> Result<Option<String>, Error> {
    let Some(old) = column.attr.as_ref().and_then(|a| a.default.clone()) else {
        return Ok(None);
    };
    if new_default(session, column, direction, "text")?.is_some() {
        return Ok(None);
    }
    Ok(Some(format!(
        "{}.{} has the default {old}, which is no {} of enum {}; give the column a `default` in [tables]",
        table.qualified,
        ident(&column.name),
        if direction == Direction::Up { "name or alias" } else { "value" },
        column.mapping.enum_key
    )))
}
