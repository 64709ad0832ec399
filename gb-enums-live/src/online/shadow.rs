//! Step 2: the companion column of each converted column, and the trigger that fills it from
//! the column the application writes, on every insert and on every update of that column.
//!
//! Both are DDL in their own transactions under the lock timeout. `ADD COLUMN` without a
//! default only writes the catalog; `CREATE TRIGGER` waits for the inserts in flight, so that
//! once it has committed every row is either visible to the backfill or written through the
//! trigger.

use super::catalog::{self, Table};
use super::session::Session;
use super::sql::{dollar, fill, ident, lit, TRIGGER, TRIGGER_COLUMN};
use super::{map_expr, target_type, Direction};
use crate::connection::Error;

/// The trigger function of a table, in its schema.
pub fn function_name(table: &Table) -> String {
    let mut name = format!("gb_enums_sync_{}", table.relname);
    while name.len() > 63 {
        name.pop();
    }
    format!("{}.{}", table.nsp, ident(&name))
}

/// Adds the missing companion columns and (re)creates the trigger for `direction`.
pub fn run(session: &mut Session, table: &mut Table, direction: Direction) -> Result<(), Error> {
    let mut adds = Vec::new();
    for c in &table.columns {
        let want = target_type(c, direction);
        match &c.other_attr {
            None => adds.push(format!("ADD COLUMN {} {want}", ident(&c.other))),
            Some(a) if a.type_name == want => {}
            Some(a) => {
                return Err(Error::new(format!(
                    "{}.{} exists and is {}, not {want}: it is not a companion column of gb-enums; rename it",
                    table.qualified,
                    ident(&c.other),
                    a.type_name
                )))
            }
        }
    }
    if !adds.is_empty() {
        session.ddl_on(
            &table.oid,
            &format!("adding the companion columns to {}", table.qualified),
            &format!("ALTER TABLE {} {}", table.qualified, adds.join(", ")),
        )?;
        let mappings: Vec<_> = table.columns.iter().map(|c| c.mapping.clone()).collect();
        *table = catalog::load(session, &table.name, &mappings)?;
    }
    session.ddl_on(
        &table.oid,
        &format!("creating the trigger on {}", table.qualified),
        &trigger_sql(table, direction, false),
    )?;
    Ok(())
}

/// The statements that create the trigger: the application writes the columns named under
/// `[tables]` and the trigger fills the companions (`swapped` false), or, after the swap, the
/// columns under those names are the converted ones and the companions are the kept ones,
/// filled the other way.
pub(crate) fn trigger_sql(table: &Table, direction: Direction, swapped: bool) -> String {
    let mut body = String::from("\nBEGIN\n");
    let mut columns = Vec::new();
    for c in &table.columns {
        // Before the swap the application writes `c.name` in the source type; after it,
        // `c.name` holds the target type and the companion gets the source type back.
        let (mapping_direction, target_type_name) = if swapped {
            (
                direction.reverse(),
                c.attr
                    .as_ref()
                    .map_or("text".to_owned(), |a| a.type_name.clone()),
            )
        } else {
            (direction, target_type(c, direction))
        };
        let source = ident(&c.name);
        let target = ident(&c.other);
        body.push_str(&fill(
            TRIGGER_COLUMN,
            &[
                ("source", &source),
                ("target", &target),
                ("target_type", &target_type_name),
                (
                    "mapping",
                    &map_expr(&c.mapping, mapping_direction, &format!("NEW.{source}")),
                ),
                (
                    "what",
                    &lit(match mapping_direction {
                        Direction::Up => "name or alias",
                        Direction::Down => "value",
                    }),
                ),
                ("enum", &lit(&c.mapping.enum_key)),
                ("column", &lit(&format!("{}.{}", table.qualified, source))),
            ],
        ));
        body.push_str(";\n");
        columns.push(source);
    }
    body.push_str("  RETURN NEW;\nEND\n");
    fill(
        TRIGGER,
        &[
            ("function", &function_name(table)),
            ("body", &dollar(&body)),
            ("table", &table.qualified),
            ("columns", &columns.join(", ")),
        ],
    )
}

/// Undoes an unfinished conversion: drops the trigger and the companion columns (with their
/// indexes and constraints).
pub fn abandon(session: &mut Session, table: &Table) -> Result<(), Error> {
    let drops: Vec<String> = table
        .columns
        .iter()
        .filter(|c| c.other_attr.is_some())
        .map(|c| format!("DROP COLUMN {}", ident(&c.other)))
        .collect();
    let mut sql = format!(
        "DROP TRIGGER IF EXISTS gb_enums_sync ON {t}; DROP FUNCTION IF EXISTS {f}()",
        t = table.qualified,
        f = function_name(table)
    );
    if !drops.is_empty() {
        sql.push_str(&format!(
            "; ALTER TABLE {} {}",
            table.qualified,
            drops.join(", ")
        ));
    }
    session
        .ddl_on(
            &table.oid,
            &format!("undoing the conversion of {}", table.qualified),
            &sql,
        )
        .map(drop)
}
