//! What an audit finds: one [`Finding`] per problem, gathered in a [`Report`].

use crate::connection::Backend;

/// The kind of a finding. Its [`code`](Kind::code) is the stable `kind` of the JSON report;
/// the declaration order is the order of findings about one column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A table under `[tables]` does not exist.
    MissingTable,
    /// A bound column does not exist.
    MissingColumn,
    /// A bound column is not SMALLINT (text, a native enum, INTEGER...).
    NotSmallint,
    /// Stored values that the registry does not know.
    UnknownValues,
    /// The column's default is not the `[tables]` default.
    DefaultDiffers,
    /// A CHECK constraint still constrains the column.
    CheckConstraint,
    /// A foreign key still constrains the column.
    ForeignKey,
    /// A CHECK or partial-index predicate compares the column with a number the registry does
    /// not have.
    PredicateUnknownValue,
    /// A CHECK or partial-index predicate compares the column with a string.
    PredicateString,
    /// The column comment is not what `gb-enums sql` writes.
    CommentStale,
    /// The lookup table `enum_<key>` does not exist.
    LookupMissing,
    /// The lookup table's rows differ from the registry.
    LookupMismatch,
    /// The column order loses bytes per row to alignment padding.
    Padding,
}

impl Kind {
    /// Every kind, in order.
    pub const ALL: [Kind; 13] = [
        Kind::MissingTable,
        Kind::MissingColumn,
        Kind::NotSmallint,
        Kind::UnknownValues,
        Kind::DefaultDiffers,
        Kind::CheckConstraint,
        Kind::ForeignKey,
        Kind::PredicateUnknownValue,
        Kind::PredicateString,
        Kind::CommentStale,
        Kind::LookupMissing,
        Kind::LookupMismatch,
        Kind::Padding,
    ];

    /// The stable code of the JSON report and the text output, e.g. `unknown_values`.
    ///
    /// ```
    /// use gb_enums_live::audit::Kind;
    /// assert_eq!(Kind::UnknownValues.code(), "unknown_values");
    /// assert_eq!(Kind::ALL.iter().filter(|k| k.code().contains(' ')).count(), 0);
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            Kind::MissingTable => "missing_table",
            Kind::MissingColumn => "missing_column",
            Kind::NotSmallint => "not_smallint",
            Kind::UnknownValues => "unknown_values",
            Kind::DefaultDiffers => "default_differs",
            Kind::CheckConstraint => "check_constraint",
            Kind::ForeignKey => "foreign_key",
            Kind::PredicateUnknownValue => "predicate_unknown_value",
            Kind::PredicateString => "predicate_string",
            Kind::CommentStale => "comment_stale",
            Kind::LookupMissing => "lookup_missing",
            Kind::LookupMismatch => "lookup_mismatch",
            Kind::Padding => "padding",
        }
    }
}

/// A stored value the registry does not know, with the rows that hold it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct StoredValue {
    /// The value as text (`42`, or a legacy string).
    pub value: String,
    /// How many rows hold it (an estimate in `--sample` mode).
    pub rows: u64,
}

/// One problem, located by table and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// What kind of problem.
    pub kind: Kind,
    /// The table: a `[tables]` table, or the lookup table `enum_<key>`.
    pub table: String,
    /// The column, when the finding is about one.
    pub column: Option<String>,
    /// How many: rows holding unknown values, bytes per row lost, lookup rows that differ,
    /// constraints; `None` when counting makes no sense (a missing column).
    pub count: Option<u64>,
    /// Whether `count` (and the rows of `values`) are estimates (`--sample`).
    pub estimate: bool,
    /// What is wrong, in one sentence: lowercase, no final period, names in backticks.
    pub message: String,
    /// What to run or change to fix it, when there is one thing to do.
    pub fix: Option<String>,
    /// The unknown stored values (for [`Kind::UnknownValues`]), most rows first.
    pub values: Vec<StoredValue>,
}

impl Finding {
    /// A finding without count, fix or values.
    pub fn new(kind: Kind, table: &str, column: Option<&str>, message: impl Into<String>) -> Self {
        Finding {
            kind,
            table: table.to_owned(),
            column: column.map(str::to_owned),
            count: None,
            estimate: false,
            message: message.into(),
            fix: None,
            values: Vec::new(),
        }
    }

    /// With a count.
    pub fn count(mut self, n: u64) -> Self {
        self.count = Some(n);
        self
    }

    /// With a fix.
    pub fn fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    /// `table.column`, or `table` for a finding about a whole table.
    ///
    /// ```
    /// use gb_enums_live::audit::{Finding, Kind};
    /// let f = Finding::new(Kind::MissingColumn, "auto_tasks", Some("status"), "no column");
    /// assert_eq!(f.location(), "auto_tasks.status");
    /// ```
    pub fn location(&self) -> String {
        match &self.column {
            Some(c) => format!("{}.{c}", self.table),
            None => self.table.clone(),
        }
    }

    fn sort_key(&self) -> (&str, Option<&str>, Kind, &str) {
        (
            &self.table,
            self.column.as_deref(),
            self.kind,
            &self.message,
        )
    }
}

/// Whether stored values were counted exactly or estimated.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Every row was read.
    Exact,
    /// A `TABLESAMPLE` of large tables, plus the planner's statistics: counts are estimates.
    Sample,
}

impl Mode {
    /// `exact` or `sample`.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Exact => "exact",
            Mode::Sample => "sample",
        }
    }
}

/// Everything an audit found, in a deterministic order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The kind of database.
    pub backend: Backend,
    /// The database URL, without its password.
    pub database: String,
    /// How stored values were counted.
    pub mode: Mode,
    /// The `[tables]` tables audited, in registry order.
    pub tables: Vec<String>,
    /// How many bound columns were audited.
    pub columns: usize,
    /// The lookup tables audited, in registry order.
    pub lookup_tables: Vec<String>,
    /// What the reader should know: checks the backend cannot do (e.g. column comments on
    /// SQLite), how sampled counts were estimated; each a sentence.
    pub notes: Vec<String>,
    /// The findings, sorted by table, column, kind and message.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Sorts the findings (table, column, kind, message) so that two runs print the same.
    pub fn sort(&mut self) {
        self.findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }

    /// Whether the database matches the registry.
    pub fn is_clean(&self) -> bool {
        self.findings.is_empty()
    }
}
