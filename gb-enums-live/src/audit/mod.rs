//! `gb-enums audit`: the registry compared with a live database, read-only.
//!
//! For every column bound under `[tables]` (or those of the tables asked for) the audit
//! reports, each as a [`Finding`] located by `table.column`:
//!
//! | kind | what | backends |
//! | --- | --- | --- |
//! | `missing_table`, `missing_column` | the table or column does not exist | all |
//! | `not_smallint` | the column is text, a native enum, INTEGER...; the fix names the `gb-enums migrate` command | all |
//! | `unknown_values` | stored values the registry does not know, with row counts (strings that `gb-enums migrate` could not map, for a text column) | all |
//! | `default_differs` | the column default is not the `[tables]` default | all |
//! | `check_constraint`, `foreign_key` | a CHECK or foreign key still constrains the column | PostgreSQL, MySQL (CHECK: MariaDB/MySQL 8.0.16+) |
//! | `predicate_unknown_value`, `predicate_string` | a CHECK or partial index compares the column with a number not in the registry, or with a string | PostgreSQL |
//! | `comment_stale` | the column comment is not what `gb-enums sql` writes | PostgreSQL, MySQL |
//! | `lookup_missing`, `lookup_mismatch` | the lookup table `enum_<key>` is missing, or its rows differ (values, names, descriptions, deprecation) | all |
//! | `padding` | bytes per row lost to alignment padding, with the order that recovers them | PostgreSQL |
//!
//! The audit never writes. On PostgreSQL every query runs in one transaction switched to
//! `READ ONLY` and rolled back at the end; on MySQL/MariaDB in a `START TRANSACTION READ ONLY`
//! that is rolled back; SQLite files are opened read-only.
//!
//! Stored values are counted exactly by default: on PostgreSQL one pass over each table in
//! block ranges (a TID range scan per range, so that a progress bar can follow it). With
//! [`Mode::Sample`], a table larger than [`SAMPLE_BLOCKS`] blocks is read through
//! `TABLESAMPLE SYSTEM (p) REPEATABLE (0)` (about `SAMPLE_BLOCKS` blocks), the counts are
//! scaled to the table's row estimate and merged with the planner's most common values, and
//! the findings say they are estimates. A rare value can be missed by a sample: exact mode is
//! the one to gate a release on.
//!
//! # JSON report (`--format json`), version 1
//!
//! One object, keys always present and in this order:
//!
//! ```text
//! {
//!   "format_version": 1,              // raised on any change that could break a reader
//!   "backend": "postgres",            // "postgres" | "mysql" | "sqlite"
//!   "database": "postgres://app:***@db/prod",   // the URL without its password
//!   "read_only": true,
//!   "mode": "exact",                  // "exact" | "sample"
//!   "tables": ["auto_tasks"],         // the [tables] tables audited, registry order
//!   "columns": 3,                     // bound columns audited
//!   "lookup_tables": ["enum_task_status"],
//!   "notes": ["..."],                 // checks skipped on this backend, how samples were taken
//!   "findings": [
//!     {
//!       "kind": "unknown_values",     // a code from the table above
//!       "table": "auto_tasks",
//!       "column": "status",           // null for a finding about a whole table
//!       "location": "auto_tasks.status",
//!       "count": 3,                   // rows, bytes per row (padding), rows of a lookup table,
//!                                     // constraints; null when there is nothing to count
//!       "estimate": false,            // true when count and rows come from a sample
//!       "message": "3 rows hold values the registry does not know",
//!       "fix": null,                  // a command or change, when there is one
//!       "values": [{ "value": "42", "rows": 3 }]   // unknown_values only, else []
//!     }
//!   ],
//!   "summary": { "findings": 1, "clean": false }
//! }
//! ```
//!
//! Findings are sorted by table, column (a table's own findings first), kind in the order of
//! the table above, then message, so two audits of one database print the same bytes.

mod column_checks;
pub mod finding;
pub mod lookup_rows;
#[cfg(feature = "mysql")]
mod mysql;
pub mod padding;
pub mod plan;
mod postgres;
pub mod render;
#[cfg(any(feature = "mysql", feature = "sqlite"))]
mod simple;
#[cfg(feature = "sqlite")]
mod sqlite;

use gb_enums_codegen::Registry;

pub use finding::{Finding, Kind, Mode, Report, StoredValue};

use crate::connection::{Backend, DatabaseUrl, Error};
use crate::progress::{Progress, SharedBuf};

/// In `--sample` mode, tables of at most this many blocks are still counted exactly, and
/// larger ones are sampled down to about this many blocks.
pub const SAMPLE_BLOCKS: u64 = 2_000;

/// Tables of more blocks than this get a progress display when counting values exactly.
pub const PROGRESS_MIN_BLOCKS: u64 = 4_096;

/// Where progress goes.
#[derive(Clone, Debug, Default)]
pub enum ProgressTo {
    /// A bar when stderr is a terminal, plain lines on stderr otherwise.
    #[default]
    Auto,
    /// Nowhere.
    Hidden,
    /// Plain lines into a buffer (tests).
    Buffer(SharedBuf),
}

/// How to audit.
#[derive(Clone, Debug)]
pub struct Options {
    /// `[tables]` tables to audit; all when empty.
    pub tables: Vec<String>,
    /// Exact counts or a sample.
    pub mode: Mode,
    /// Where progress goes.
    pub progress: ProgressTo,
    /// Tables with more blocks than this get progress ([`PROGRESS_MIN_BLOCKS`] by default).
    pub progress_min_blocks: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tables: Vec::new(),
            mode: Mode::Exact,
            progress: ProgressTo::Auto,
            progress_min_blocks: PROGRESS_MIN_BLOCKS,
        }
    }
}

impl Options {
    fn progress(&self, label: &str, total: u64, unit: &str) -> Progress {
        if total <= self.progress_min_blocks {
            return Progress::hidden();
        }
        match &self.progress {
            ProgressTo::Auto => Progress::auto(label, Some(total), unit),
            ProgressTo::Hidden => Progress::hidden(),
            ProgressTo::Buffer(buf) => {
                Progress::lines(label, Some(total), unit, Box::new(buf.clone()))
            }
        }
    }
}

/// Audits the database at `url` against `registry`: connects, reads, rolls back.
///
/// Errors: an unknown table in [`Options::tables`], a database that cannot be reached, a
/// query that fails (the message names what was being read).
pub fn run(url: &DatabaseUrl, registry: &Registry, options: &Options) -> Result<Report, Error> {
    let plan = plan::plan(registry, &options.tables)?;
    let mut report = Report {
        backend: url.backend(),
        database: url.to_string(),
        mode: options.mode,
        tables: plan
            .tables
            .iter()
            .map(|t| t.table.name.value.clone())
            .collect(),
        columns: plan.column_count(),
        lookup_tables: plan
            .enums
            .iter()
            .map(|e| gb_enums_codegen::render::sql::lookup_table(&e.key.value))
            .collect(),
        notes: Vec::new(),
        findings: Vec::new(),
    };
    match url.backend() {
        Backend::Postgres => {
            let mut client = url.connect_postgres()?;
            postgres::audit(&mut client, &plan, options, &mut report)?;
        }
        #[cfg(feature = "sqlite")]
        Backend::Sqlite => {
            let mut db = sqlite::Sqlite::open(url)?;
            simple::audit(&mut db, &plan, &mut report)?;
            db.finish()?;
        }
        #[cfg(feature = "mysql")]
        Backend::Mysql => {
            let mut db = mysql::Mysql::connect(url)?;
            simple::audit(&mut db, &plan, &mut report)?;
            db.finish()?;
        }
        #[allow(unreachable_patterns)]
        backend => {
            return Err(Error::new(format!(
                "this build of gb-enums-live cannot audit {backend}: enable its `{backend}` feature"
            )))
        }
    }
    report.sort();
    Ok(report)
}

/// The conversion command for a column that is not SMALLINT.
fn migrate_fix(backend: Backend, table: &str) -> String {
    match backend {
        Backend::Postgres => format!(
            "gb-enums migrate --dialect postgres {table} --out migrations/<date>-{table}-enums, then apply it"
        ),
        Backend::Mysql | Backend::Sqlite => format!(
            "convert `{table}` to SMALLINT values (gb-enums migrate writes PostgreSQL migrations only; its up.sql shows the mapping)"
        ),
    }
}
