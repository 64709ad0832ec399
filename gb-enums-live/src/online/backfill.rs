//! Step 3: the existing rows, in batches by key (the primary key, else a unique index of NOT
//! NULL columns), one transaction per batch that also moves the progress row on; so a kill
//! loses at most one uncommitted batch, and the next run continues after the last committed
//! one. Between batches the loop sleeps as long as the batch took, so the table's own
//! writers get at least half of the time; with `--max-wal-rate` it also sleeps until the
//! server's WAL (everyone's, measured by `pg_current_wal_lsn()`) has stayed under that rate
//! since the previous batch: every commit of the application waits for the WAL written
//! before it to be flushed, and a 5,000-row batch writes about 5 MB of it (each row's new
//! version and its index entries), which also forces checkpoints on a server with a small
//! `max_wal_size`.

use std::time::{Duration, Instant};

use super::catalog::Table;
use super::session::Session;
use super::sql::{fill, ident, lit, section, BACKFILL, CATALOG};
use super::{map_expr, state, target_type, Direction, Options};
use crate::connection::Error;
use crate::progress::Progress;

/// The server's WAL position now and the bytes written since `since`, with the time it was
/// read.
fn wal_position(
    session: &mut Session,
    since: Option<&str>,
) -> Result<((String, Instant), u64), Error> {
    let since = since.map_or_else(
        || "pg_current_wal_lsn()".to_owned(),
        |l| format!("{}::pg_lsn", lit(l)),
    );
    let sql = fill(&section(CATALOG, "wal_position"), &[("since", &since)]);
    let row = session.rows(&sql)?.into_iter().next().unwrap_or_default();
    let lsn = row.first().cloned().flatten().unwrap_or_default();
    let bytes = row
        .get(1)
        .cloned()
        .flatten()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or(0);
    Ok(((lsn, Instant::now()), bytes.max(0) as u64))
}

/// Backfills the companion columns; returns the rows written in this run.
pub fn run(
    session: &mut Session,
    table: &Table,
    direction: Direction,
    options: &Options,
) -> Result<u64, Error> {
    if table.key.is_empty() {
        return Err(Error::new(format!(
            "{} has no primary key and no unique index of NOT NULL columns: the backfill needs one to walk the table in batches; add one (e.g. `ALTER TABLE {} ADD PRIMARY KEY (...)`)",
            table.qualified, table.qualified
        )));
    }
    let progress_row = state::load(session, table)?;
    let mut last = progress_row.as_ref().and_then(|p| p.last_key.clone());
    let done_before = progress_row.as_ref().map_or(0, |p| p.rows_done);
    let mut bar = if options.progress {
        Progress::auto(
            &format!("backfilling {}", table.qualified),
            // Unknown before the table was first analyzed.
            Some(table.estimated_rows.max(done_before)).filter(|n| *n > 0),
            "rows",
        )
    } else {
        Progress::hidden()
    };
    bar.inc(done_before);
    let keys: Vec<&str> = table.key.iter().map(|(k, _)| k.as_str()).collect();
    let key = keys.join(", ");
    let key_desc = keys
        .iter()
        .map(|k| format!("{k} DESC"))
        .collect::<Vec<_>>()
        .join(", ");
    let join = keys
        .iter()
        .map(|k| format!("t.{k} = batch.{k}"))
        .collect::<Vec<_>>()
        .join(" AND ");
    let key_text = keys
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{k}::text AS k{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let last_cols = (0..keys.len())
        .map(|i| format!("k{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let last_select = (0..keys.len())
        .map(|i| format!("(SELECT k{i} FROM last)"))
        .collect::<Vec<_>>()
        .join(", ");
    let sets = table
        .columns
        .iter()
        .map(|c| {
            format!(
                "{} = ({})::{}",
                ident(&c.other),
                map_expr(&c.mapping, direction, &format!("t.{}", ident(&c.name))),
                target_type(c, direction)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    let unmapped = table
        .columns
        .iter()
        .map(|c| {
            format!(
                "(t.{} IS NOT NULL AND t.{} IS NULL)",
                ident(&c.name),
                ident(&c.other)
            )
        })
        .collect::<Vec<_>>()
        .join(" OR ");
    let mut total = 0u64;
    let mut wal = match options.max_wal_rate {
        Some(_) => Some(wal_position(session, None)?.0),
        None => None,
    };
    loop {
        let after = match &last {
            None => "true".to_owned(),
            Some(values) => {
                let lits: Vec<String> = values
                    .iter()
                    .zip(&table.key)
                    .map(|(v, (_, ty))| match v {
                        Some(v) => format!("{}::{ty}", lit(v)),
                        None => "NULL".to_owned(),
                    })
                    .collect();
                format!("({key}) > ({})", lits.join(", "))
            }
        };
        let statement = fill(
            BACKFILL,
            &[
                ("key", &key),
                ("key_desc", &key_desc),
                ("table", &table.qualified),
                ("after", &after),
                ("size", &options.batch_size.max(1).to_string()),
                ("sets", &sets),
                ("join", &join),
                ("unmapped", &unmapped),
                ("key_text", &key_text),
                ("nsp", &table.nsp),
                ("last_cols", &last_cols),
                ("table_name", &lit(&table.relname)),
                ("last_select", &last_select),
            ],
        );
        let started = Instant::now();
        let rows = session.non_blocking(&format!("backfilling {}", table.qualified), &statement);
        // The batch commits in the same text. A row holding a value that does not map (a
        // string written after the pre-check, before the trigger existed) stops the run: the
        // backfill starts again, and the next run's pre-check names the value.
        let rows = rows?;
        let row = rows.first().cloned().unwrap_or_default();
        let n: u64 = row
            .first()
            .cloned()
            .flatten()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let bad: u64 = row
            .get(1)
            .cloned()
            .flatten()
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        if bad > 0 {
            state::start(session, table, direction, "started")?;
            return Err(Error::new(format!(
                "{}: {bad} row(s) store a value that does not map (written after the pre-check, before the trigger); the backfill starts again from the beginning on the next run, whose pre-check lists them",
                table.qualified
            )));
        }
        if n == 0 {
            break;
        }
        total += n;
        bar.inc(n);
        last = Some(row[2..].to_vec());
        let took = started.elapsed();
        std::thread::sleep(took.min(Duration::from_secs(2)));
        if let (Some(rate), Some((lsn, since))) = (options.max_wal_rate, wal.take()) {
            let (now, bytes) = wal_position(session, Some(&lsn))?;
            let (now_lsn, _) = now;
            // The time the WAL written since the last look needs at `rate`, less the time
            // that has passed; capped so that a burst of the application's own writes
            // cannot stall the backfill for long.
            let needed = Duration::from_secs_f64(bytes as f64 / rate.max(1) as f64);
            let wait = needed
                .saturating_sub(since.elapsed())
                .min(Duration::from_secs(10));
            std::thread::sleep(wait);
            wal = Some((now_lsn, Instant::now()));
        }
    }
    bar.finish();
    Ok(total)
}
