//! `gb-enums migrate --online`: converting enum columns of a live PostgreSQL database without
//! blocking its readers and writers.
//!
//! `ALTER TABLE ... TYPE smallint` rewrites the table under an exclusive lock: every query
//! waits for the whole rewrite. Here each column gets a companion column (`gb_enums_<column>`)
//! of the new type, and the work is done in short steps, each its own module:
//!
//! 1. [`precheck`]: every stored string must map to a value (nothing changes otherwise);
//! 2. [`shadow`]: the companion column and a trigger that fills it on every insert and update;
//! 3. [`backfill`]: the existing rows, in batches by key, one transaction each, resumable;
//! 4. [`indexes`]: the indexes, CHECK constraints and NOT NULL of the column, built on the
//!    companion without blocking writes (`CREATE INDEX CONCURRENTLY`, `NOT VALID` +
//!    `VALIDATE`), their expressions translated by the one expression translator
//!    ([`gb_enums_codegen::migrate::TRANSLATE_SQL`]);
//! 5. [`swap`]: one short transaction renames the columns, indexes and constraints, so that the
//!    column of the same name now holds numbers; the text column stays, kept filled by the
//!    trigger in reverse, so that going back (`--down`) is the same procedure backwards;
//! 6. [`finalize`]: drops the kept columns, triggers and progress table.
//!
//! Every DDL statement runs in its own transaction under `SET LOCAL lock_timeout`, retried
//! with backoff ([`session`]); nothing relies on session state, so it works through PgBouncer
//! in transaction pooling mode. Progress is kept in a table `gb_enums_online` next to each
//! converted table, so that running the same command again after a kill continues.
//!
//! ```no_run
//! use gb_enums_codegen::{parse_registry, Source};
//! use gb_enums_live::connection::DatabaseUrl;
//! use gb_enums_live::online::{self, Direction, Mode, Options};
//!
//! let registry = parse_registry(Source::new("schema.toml", r#"
//! [enums.task_status]
//! variants = [{ value = 0, name = "pending" }, { value = 1, name = "done" }]
//! [tables.tasks]
//! status = { enum = "task_status", default = "pending" }
//! "#)).unwrap();
//! let url = DatabaseUrl::parse("postgres://postgres@127.0.0.1:5432/app").unwrap();
//! let options = Options { mode: Mode::Convert(Direction::Up), ..Options::default() };
//! let summary = online::run(&url, &registry, &options).unwrap();
//! println!("{summary}");
//! ```

pub mod backfill;
pub mod catalog;
pub mod finalize;
pub mod indexes;
pub mod precheck;
pub mod session;
pub mod shadow;
mod sql;
pub mod state;
pub mod swap;

use std::fmt;
use std::time::{Duration, Instant};

use gb_enums_codegen::migrate::mapping::{self, ColumnMapping};
use gb_enums_codegen::Registry;

use crate::connection::{DatabaseUrl, Error};
use catalog::{Column, Table};
use session::{LockPolicy, Session};

/// Which way to convert.
///
/// ```
/// use gb_enums_live::online::Direction;
///
/// assert_eq!(Direction::Up.reverse(), Direction::Down);
/// assert_eq!(Direction::Down.as_str(), "down");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Text to SMALLINT.
    Up,
    /// SMALLINT back to text.
    Down,
}

impl Direction {
    /// `up` or `down`, as recorded in the progress table.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }

    /// The other way.
    pub fn reverse(self) -> Direction {
        match self {
            Direction::Up => Direction::Down,
            Direction::Down => Direction::Up,
        }
    }
}

/// What a run does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Convert (or continue converting) in this direction.
    Convert(Direction),
    /// Drop the kept columns and triggers of finished conversions.
    Finalize,
}

/// The settings of a run.
///
/// ```
/// use gb_enums_live::online::{Direction, Mode, Options};
/// use std::time::Duration;
///
/// let o = Options::default();
/// assert_eq!((o.batch_size, o.lock_timeout), (5_000, Duration::from_millis(100)));
/// assert_eq!(o.mode, Mode::Convert(Direction::Up));
/// ```
#[derive(Clone, Debug)]
pub struct Options {
    /// The `[tables]` entries to convert (all when empty).
    pub tables: Vec<String>,
    /// What to do.
    pub mode: Mode,
    /// Rows per backfill transaction.
    pub batch_size: u64,
    /// The most WAL the server may write per second (bytes, everyone's) before the backfill
    /// waits before its next batch; `None`: no such limit, only the time-based pause.
    pub max_wal_rate: Option<u64>,
    /// `lock_timeout` of every DDL transaction.
    pub lock_timeout: Duration,
    /// Retries of a DDL transaction whose lock was not free in time.
    pub lock_retries: u32,
    /// Stop before the swap (for a deployment that swaps at a chosen time).
    pub stop_before_swap: bool,
    /// Show progress (a bar on a terminal, lines otherwise).
    pub progress: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tables: Vec::new(),
            mode: Mode::Convert(Direction::Up),
            batch_size: 5_000,
            max_wal_rate: None,
            lock_timeout: Duration::from_millis(100),
            lock_retries: 30,
            stop_before_swap: false,
            progress: false,
        }
    }
}

/// What happened to one table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableReport {
    /// The table.
    pub table: String,
    /// What was done, e.g. `converted to smallint`, `already converted`.
    pub outcome: String,
    /// Rows written by the backfill in this run.
    pub rows: u64,
    /// Indexes built in this run.
    pub indexes: usize,
    /// CHECK constraints (and NOT NULL) validated in this run.
    pub constraints: usize,
}

/// The summary of a run on one database.
#[derive(Clone, Debug)]
pub struct Summary {
    /// The database, without its password.
    pub database: String,
    /// One entry per table.
    pub tables: Vec<TableReport>,
    /// Lock waits that timed out and were retried.
    pub lock_retries: u64,
    /// The longest DDL transaction.
    pub longest_ddl: Duration,
    /// The whole run.
    pub elapsed: Duration,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows: u64 = self.tables.iter().map(|t| t.rows).sum();
        write!(
            f,
            "{}: {} table(s), {rows} row(s) backfilled, {:.1} s; longest blocking DDL {} ms, {} lock retr{}",
            self.database,
            self.tables.len(),
            self.elapsed.as_secs_f64(),
            self.longest_ddl.as_millis(),
            self.lock_retries,
            if self.lock_retries == 1 { "y" } else { "ies" }
        )?;
        for t in &self.tables {
            write!(f, "\n  {}: {}", t.table, t.outcome)?;
            if t.rows > 0 || t.indexes > 0 || t.constraints > 0 {
                write!(
                    f,
                    " ({} rows, {} indexes, {} constraints)",
                    t.rows, t.indexes, t.constraints
                )?;
            }
        }
        Ok(())
    }
}

/// Converts the tables of one database as `options` say.
pub fn run(url: &DatabaseUrl, registry: &Registry, options: &Options) -> Result<Summary, Error> {
    let started = Instant::now();
    let mappings = mapping::columns(registry, &options.tables).map_err(|errors| {
        Error::new(
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    let client = url.connect_postgres()?;
    let mut session = Session::new(
        client,
        LockPolicy {
            lock_timeout: options.lock_timeout,
            retries: options.lock_retries,
        },
    );
    let mut names: Vec<&str> = Vec::new();
    for m in &mappings {
        if !names.contains(&m.table.as_str()) {
            names.push(&m.table);
        }
    }
    let mut reports = Vec::new();
    for name in names {
        let report = match options.mode {
            Mode::Convert(direction) => convert(&mut session, name, &mappings, direction, options),
            Mode::Finalize => {
                let table = catalog::load(&mut session, name, &mappings)?;
                finalize::run(&mut session, &table)
            }
        }
        .map_err(|e| Error::new(format!("{url}: {name}: {e}")))?;
        reports.push(report);
    }
    Ok(Summary {
        database: url.to_string(),
        tables: reports,
        lock_retries: session.lock_retries,
        longest_ddl: session.longest_ddl,
        elapsed: started.elapsed(),
    })
}

/// Converts each database in `urls` (shards of one schema), `jobs` at a time; each is
/// converted and resumed on its own, and a failure on one does not stop the others.
pub fn run_shards(
    urls: &[DatabaseUrl],
    registry: &Registry,
    options: &Options,
    jobs: usize,
) -> Vec<Result<Summary, Error>> {
    let jobs = jobs.clamp(1, urls.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(
        (0..urls.len())
            .map(|_| None)
            .collect::<Vec<Option<Result<Summary, Error>>>>(),
    );
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(url) = urls.get(i) else { break };
                let r = run(url, registry, options);
                results.lock().unwrap_or_else(|p| p.into_inner())[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|p| p.into_inner())
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Error::new("not run"))))
        .collect()
}

/// Where a column stands relative to `direction`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ColumnState {
    /// Still in the source type: to convert.
    Source,
    /// Already in the target type.
    Target,
}

pub(crate) fn column_state(
    table: &Table,
    column: &Column,
    direction: Direction,
) -> Result<ColumnState, Error> {
    let Some(attr) = &column.attr else {
        return Err(Error::new(format!(
            "column {}.{} does not exist",
            table.qualified,
            sql::ident(&column.name)
        )));
    };
    let (source, target) = (attr.is_text(), attr.is_smallint());
    if attr.generated {
        return Err(Error::new(format!(
            "column {}.{} is generated; convert what it is generated from instead",
            table.qualified,
            sql::ident(&column.name)
        )));
    }
    match (direction, source, target) {
        (Direction::Up, true, _) | (Direction::Down, _, true) => Ok(ColumnState::Source),
        (Direction::Up, _, true) | (Direction::Down, true, _) => Ok(ColumnState::Target),
        _ => Err(Error::new(format!(
            "column {}.{} is {}; only text, VARCHAR, CHAR and enum-type columns are converted online (INTEGER columns: use `gb-enums migrate --dialect postgres`)",
            table.qualified,
            sql::ident(&column.name),
            attr.type_name
        ))),
    }
}

/// The type of the companion column in `direction`: SMALLINT up; down, the kept text
/// column's type, else `text`.
pub(crate) fn target_type(column: &Column, direction: Direction) -> String {
    match direction {
        Direction::Up => "smallint".to_owned(),
        Direction::Down => column
            .other_attr
            .as_ref()
            .filter(|a| a.is_text())
            .map_or_else(|| "text".to_owned(), |a| a.type_name.clone()),
    }
}

/// The SQL expression mapping `operand` (the source column's value) to the target's.
pub(crate) fn map_expr(m: &ColumnMapping, direction: Direction, operand: &str) -> String {
    match direction {
        Direction::Up => m.to_value(&format!("({operand})::text")),
        Direction::Down => m.to_name(&format!("({operand})::integer")),
    }
}

/// `name` with the time of day, for the step lines (to compare with the application's logs).
fn table_label(name: &str) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs() % 86_400;
    format!(
        "{:02}:{:02}:{:02}.{:03} {name}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        now.subsec_millis()
    )
}

fn convert(
    session: &mut Session,
    name: &str,
    mappings: &[ColumnMapping],
    direction: Direction,
    options: &Options,
) -> Result<TableReport, Error> {
    let mut table = catalog::load(session, name, mappings)?;
    let mut states = Vec::new();
    for c in &table.columns {
        states.push(column_state(&table, c, direction)?);
    }
    let step = |what: &str| {
        if options.progress {
            eprintln!("{}: {what}", table_label(name));
        }
    };
    let mut report = TableReport {
        table: table.qualified.clone(),
        outcome: String::new(),
        rows: 0,
        indexes: 0,
        constraints: 0,
    };
    let progress = state::load(session, &table)?;
    if let Some(p) = &progress {
        if p.direction != direction && p.phase != "swapped" {
            // An unfinished run the other way: going back means undoing it.
            shadow::abandon(session, &table)?;
            state::delete(session, &table)?;
            report.outcome = format!(
                "unfinished `{}` conversion undone (companion columns and trigger dropped)",
                p.direction.as_str()
            );
            return Ok(report);
        }
    }
    if states.iter().all(|s| *s == ColumnState::Target) {
        let kept = table.columns.iter().any(|c| c.other_attr.is_some());
        report.outcome = format!(
            "already {}{}",
            if direction == Direction::Up {
                "SMALLINT"
            } else {
                "text"
            },
            if kept {
                "; the other columns are kept until `--finalize`"
            } else {
                ""
            }
        );
        return Ok(report);
    }
    if states.contains(&ColumnState::Target) {
        return Err(Error::new(format!(
            "some bound columns of {} are converted and others are not; the online conversion moves a table's columns together",
            table.qualified
        )));
    }
    // Swapped the other way: the kept columns are filled by the reverse trigger, so there is
    // nothing to check or backfill.
    let phase = match &progress {
        Some(p) if p.direction != direction => "backfilled".to_owned(),
        Some(p) => p.phase.clone(),
        None => "started".to_owned(),
    };
    // Everything that can stop the conversion is found before anything is written.
    if phase == "started" {
        step("1/5 checking the stored values");
        precheck::run(session, &table, direction)?;
    }
    indexes::check_translatable(session, &table, direction)?;
    state::ensure(session, &table)?;
    match &progress {
        Some(p) if p.direction == direction => {}
        _ => state::start(session, &table, direction, &phase)?,
    }
    step("2/5 companion columns and trigger");
    shadow::run(session, &mut table, direction)?;
    if phase == "started" {
        report.rows = backfill::run(session, &table, direction, options)?;
        state::set_phase(session, &table, "backfilled")?;
    }
    step("4/5 indexes and constraints on the companion columns");
    let built = indexes::run(session, &table, direction)?;
    report.indexes = built.indexes;
    report.constraints = built.constraints;
    if options.stop_before_swap {
        report.outcome = "ready to swap (run again without `--no-swap` to swap)".to_owned();
        return Ok(report);
    }
    step("5/5 swap");
    swap::run(session, &table, direction)?;
    report.outcome = format!(
        "swapped to {}; the {} columns are kept and filled until `--finalize`",
        if direction == Direction::Up {
            "SMALLINT"
        } else {
            "text"
        },
        if direction == Direction::Up {
            "text"
        } else {
            "SMALLINT"
        }
    );
    Ok(report)
}
