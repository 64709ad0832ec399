//! The progress table `gb_enums_online`, next to each converted table: which way the last run
//! converted, how far it got, and the key of the last backfilled row.

use super::session::Session;
use super::sql::{fill, lit, STATE};
use super::{catalog::Table, Direction};
use crate::connection::Error;

/// A table's progress row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    /// The direction of the last run.
    pub direction: Direction,
    /// `started`, `backfilled` or `swapped`.
    pub phase: String,
    /// The key of the last row the backfill wrote, one text per key column.
    pub last_key: Option<Vec<Option<String>>>,
    /// Rows written by the backfill so far.
    pub rows_done: u64,
    /// `name<TAB>definition` lines of the CHECK constraints dropped at the last swap.
    pub dropped_checks: Option<String>,
}

fn table_exists(session: &mut Session, table: &Table) -> Result<bool, Error> {
    Ok(session
        .value(&format!(
            "SELECT to_regclass({}) IS NOT NULL",
            lit(&format!("{}.gb_enums_online", table.nsp))
        ))?
        .as_deref()
        == Some("t"))
}

/// Creates the progress table if it is not there.
pub fn ensure(session: &mut Session, table: &Table) -> Result<(), Error> {
    if table_exists(session, table)? {
        return Ok(());
    }
    session
        .ddl(
            "creating the progress table gb_enums_online",
            &fill(STATE, &[("nsp", &table.nsp)]),
        )
        .map(drop)
}

/// The table's progress row, if any.
pub fn load(session: &mut Session, table: &Table) -> Result<Option<Progress>, Error> {
    if !table_exists(session, table)? {
        return Ok(None);
    }
    let rows = session.rows(&format!(
        "SELECT direction, phase, rows_done, dropped_checks, last_key IS NULL FROM {}.gb_enums_online WHERE table_name = {}",
        table.nsp,
        lit(&table.relname)
    ))?;
    let Some(r) = rows.first() else {
        return Ok(None);
    };
    let get = |i: usize| r.get(i).cloned().flatten();
    let last_key = if get(4).as_deref() == Some("t") {
        None
    } else {
        // One row per element keeps each value's text exact (no array-literal parsing).
        Some(
            session
                .rows(&format!(
                    "SELECT k FROM {}.gb_enums_online, unnest(last_key) WITH ORDINALITY AS u(k, n) WHERE table_name = {} ORDER BY n",
                    table.nsp,
                    lit(&table.relname)
                ))?
                .into_iter()
                .map(|r| r.into_iter().next().flatten())
                .collect(),
        )
    };
    Ok(Some(Progress {
        direction: if get(0).as_deref() == Some("down") {
            Direction::Down
        } else {
            Direction::Up
        },
        phase: get(1).unwrap_or_default(),
        last_key,
        rows_done: get(2).and_then(|s| s.parse().ok()).unwrap_or(0),
        dropped_checks: get(3),
    }))
}

/// Starts (or restarts) the table's progress in `direction` at `phase`, keeping the record
/// of dropped constraints.
pub fn start(
    session: &mut Session,
    table: &Table,
    direction: Direction,
    phase: &str,
) -> Result<(), Error> {
    session.execute(&format!(
        "INSERT INTO {nsp}.gb_enums_online (table_name, direction, phase) VALUES ({t}, {d}, {p})
         ON CONFLICT (table_name) DO UPDATE SET direction = excluded.direction, phase = excluded.phase,
           last_key = NULL, rows_done = 0, updated_at = now()",
        nsp = table.nsp,
        t = lit(&table.relname),
        d = lit(direction.as_str()),
        p = lit(phase)
    ))
}

/// Moves the table to `phase`.
pub fn set_phase(session: &mut Session, table: &Table, phase: &str) -> Result<(), Error> {
    session.execute(&set_phase_sql(table, phase))
}

pub(crate) fn set_phase_sql(table: &Table, phase: &str) -> String {
    format!(
        "UPDATE {}.gb_enums_online SET phase = {}, updated_at = now() WHERE table_name = {}",
        table.nsp,
        lit(phase),
        lit(&table.relname)
    )
}

/// Forgets the table; drops the progress table once it is empty.
pub fn delete(session: &mut Session, table: &Table) -> Result<(), Error> {
    if !table_exists(session, table)? {
        return Ok(());
    }
    session.execute(&format!(
        "DELETE FROM {}.gb_enums_online WHERE table_name = {}",
        table.nsp,
        lit(&table.relname)
    ))?;
    let left = session.value(&format!(
        "SELECT count(*) FROM {}.gb_enums_online",
        table.nsp
    ))?;
    if left.as_deref() == Some("0") {
        session.ddl(
            "dropping the empty progress table",
            &format!("DROP TABLE IF EXISTS {}.gb_enums_online", table.nsp),
        )?;
    }
    Ok(())
}
