//! The audit on backends with fewer checks (MySQL/MariaDB, SQLite): one logic over a small
//! [`Catalog`] that each backend implements with its own queries.
//!
//! What these backends cannot have is said in the report's notes: neither pads columns for
//! alignment (InnoDB and SQLite store fixed-width values unaligned), and the expression
//! translator that reads CHECK and index predicates is PostgreSQL's; SQLite keeps no column
//! comments and no catalog of CHECK constraints.

use gb_enums_codegen::{Dialect, EnumDef};

use super::column_checks::{check_comment, check_default};
use super::finding::{Finding, Kind, Report, StoredValue};
use super::lookup_rows::{self, LookupRow};
use super::migrate_fix;
use super::plan::{number_is_known, string_is_known, Plan};
use crate::connection::{Backend, Error};

/// A live column as the catalog describes it.
#[derive(Clone, Debug)]
pub(super) struct Column {
    pub name: String,
    /// The type as declared or shown (`varchar(20)`, `enum('a','b')`, `INTEGER`).
    pub shown_type: String,
    /// What the type is.
    pub class: TypeClass,
    /// The default expression, when there is one.
    pub default: Option<String>,
    /// The comment (`None` where the backend has none, or it is empty).
    pub comment: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TypeClass {
    Smallint,
    /// Another integer type (INTEGER, BIGINT, TINYINT...).
    Integer,
    NativeEnum,
    Other,
}

/// A constraint on a column: its name and definition.
#[derive(Clone, Debug)]
pub(super) struct Constraint {
    pub column: String,
    pub name: String,
    pub foreign_key: bool,
    pub definition: String,
}

/// What a backend answers.
pub(super) trait Catalog {
    fn dialect(&self) -> Dialect;
    fn backend(&self) -> Backend;
    /// Checks this backend skips, each a sentence for the report's notes.
    fn notes(&self) -> Vec<String>;
    /// The live columns of `table` in order; `None` when the table does not exist.
    fn columns(&mut self, table: &str) -> Result<Option<Vec<Column>>, Error>;
    /// The CHECK constraints and foreign keys of `table`.
    fn constraints(&mut self, table: &str) -> Result<Vec<Constraint>, Error>;
    /// Every value of `column` (as text) that `unknown_condition` keeps, with its rows.
    fn group(
        &mut self,
        table: &str,
        column: &str,
        integer: bool,
        known: &[String],
    ) -> Result<Vec<(String, u64)>, Error>;
    /// The rows of a lookup table with every column of [`lookup_rows::COLUMNS`].
    fn lookup_rows(&mut self, table: &str) -> Result<Vec<LookupRow>, Error>;
    /// A `DROP` of a constraint, for the fix.
    fn drop_constraint(&self, table: &str, c: &Constraint) -> String;
}

pub(super) fn audit(
    cat: &mut dyn Catalog,
    plan: &Plan<'_>,
    report: &mut Report,
) -> Result<(), Error> {
    report.notes.extend(cat.notes());
    if report.mode == super::Mode::Sample {
        report.notes.push(format!(
            "--sample applies to PostgreSQL only: values were counted exactly on {}",
            cat.backend()
        ));
        report.mode = super::Mode::Exact;
    }
    let dialect = cat.dialect();
    for t in &plan.tables {
        let name = t.table.name.value.as_str();
        let Some(columns) = cat.columns(name)? else {
            report.findings.push(
                Finding::new(
                    Kind::MissingTable,
                    name,
                    None,
                    format!("table `{name}` does not exist"),
                )
                .fix("create it with its bound columns as SMALLINT, or remove it from [tables]"),
            );
            continue;
        };
        let constraints = cat.constraints(name)?;
        for &(c, e) in &t.columns {
            let col = c.name.value.as_str();
            let Some(live) = columns.iter().find(|k| k.name.eq_ignore_ascii_case(col)) else {
                report.findings.push(
                    Finding::new(
                        Kind::MissingColumn,
                        name,
                        Some(col),
                        format!("column `{col}` does not exist"),
                    )
                    .fix(format!("add `{col}` as SMALLINT")),
                );
                continue;
            };
            let integer = matches!(live.class, TypeClass::Smallint | TypeClass::Integer);
            if live.class != TypeClass::Smallint {
                let what = if live.class == TypeClass::NativeEnum {
                    format!("the native enum `{}`", live.shown_type)
                } else {
                    format!("`{}`", live.shown_type)
                };
                report.findings.push(
                    Finding::new(
                        Kind::NotSmallint,
                        name,
                        Some(col),
                        format!("column `{col}` is {what}, not SMALLINT"),
                    )
                    .fix(migrate_fix(cat.backend(), name)),
                );
            }
            if integer {
                let default = live
                    .default
                    .as_deref()
                    .filter(|d| !d.eq_ignore_ascii_case("null"));
                check_default(report, dialect, name, c, e, default);
                if dialect != Dialect::Sqlite {
                    check_comment(report, dialect, name, c, e, live.comment.as_deref());
                }
            }
            for (foreign_key, kind, label) in [
                (false, Kind::CheckConstraint, "CHECK constraint"),
                (true, Kind::ForeignKey, "foreign key"),
            ] {
                let on: Vec<&Constraint> = constraints
                    .iter()
                    .filter(|k| k.foreign_key == foreign_key && k.column.eq_ignore_ascii_case(col))
                    .collect();
                if on.is_empty() {
                    continue;
                }
                let list: Vec<String> = on
                    .iter()
                    .map(|k| format!("`{}` {}", k.name, k.definition))
                    .collect();
                let drops: Vec<String> = on.iter().map(|k| cat.drop_constraint(name, k)).collect();
                report.findings.push(
                    Finding::new(
                        kind,
                        name,
                        Some(col),
                        format!(
                            "{} {label}{} still constrain{} column `{col}`: {}",
                            on.len(),
                            if on.len() == 1 { "" } else { "s" },
                            if on.len() == 1 { "s" } else { "" },
                            list.join("; ")
                        ),
                    )
                    .count(on.len() as u64)
                    .fix(drops.join(" ")),
                );
            }
            if !(e.open && integer) {
                unknown_values(cat, report, name, col, e, integer)?;
            }
        }
    }
    for e in &plan.enums {
        let table = gb_enums_codegen::render::sql::lookup_table(&e.key.value);
        let columns: Vec<String> = cat
            .columns(&table)?
            .unwrap_or_default()
            .into_iter()
            .map(|c| c.name)
            .collect();
        let rows = if !columns.is_empty() && lookup_rows::missing_columns(&columns).is_empty() {
            cat.lookup_rows(&table)?
        } else {
            Vec::new()
        };
        lookup_rows::compare(report, dialect, e, &columns, &rows);
    }
    Ok(())
}

fn unknown_values(
    cat: &mut dyn Catalog,
    report: &mut Report,
    table: &str,
    col: &str,
    e: &EnumDef,
    integer: bool,
) -> Result<(), Error> {
    let known: Vec<String> = if integer {
        e.variants
            .iter()
            .map(|v| v.value.value.to_string())
            .collect()
    } else {
        e.variants
            .iter()
            .flat_map(|v| std::iter::once(&v.name).chain(v.aliases.iter()))
            .map(|s| s.value.clone())
            .collect()
    };
    let mut values: Vec<StoredValue> = cat
        .group(table, col, integer, &known)?
        .into_iter()
        .filter(|(v, _)| {
            if integer {
                !v.parse().is_ok_and(|n| number_is_known(e, n))
            } else {
                !string_is_known(e, v)
            }
        })
        .map(|(value, rows)| StoredValue { value, rows })
        .collect();
    if values.is_empty() {
        return Ok(());
    }
    values.sort_by(|a, b| {
        b.rows.cmp(&a.rows).then_with(|| {
            (a.value.parse::<i64>().ok(), &a.value).cmp(&(b.value.parse::<i64>().ok(), &b.value))
        })
    });
    let rows: u64 = values.iter().map(|v| v.rows).sum();
    let listed: Vec<String> = values
        .iter()
        .map(|v| {
            if integer {
                v.value.clone()
            } else {
                format!("'{}'", v.value)
            }
        })
        .collect();
    let mut f = Finding::new(
        Kind::UnknownValues,
        table,
        Some(col),
        format!(
            "{rows} {} hold{} {} that enum {} does not know: {}",
            if rows == 1 { "row" } else { "rows" },
            if rows == 1 { "s" } else { "" },
            if values.len() == 1 {
                "a value"
            } else {
                "values"
            },
            e.key.value,
            listed.join(", ")
        ),
    )
    .count(rows)
    .fix(format!(
        "add the value{} to enum {} in the registry (or correct the rows)",
        if values.len() == 1 { "" } else { "s" },
        e.key.value
    ));
    f.values = values;
    report.findings.push(f);
    Ok(())
}
