//! Stored values the registry does not know, counted exactly (every block, in ranges, for a
//! progress display) or estimated from a sample plus the planner's statistics.
//!
//! One pass reads every bound column of a table:
//!
//! ```sql
//! SELECT GROUPING("status", "priority")::int4, "status"::text, "priority"::text, count(*)
//! FROM "auto_tasks"
//! WHERE ctid >= '(0,0)'::tid AND ctid < '(1024,0)'::tid
//!   AND ("status" NOT IN (0, 1, 2) OR "priority" NOT IN (0, 1))
//! GROUP BY GROUPING SETS (("status"), ("priority"))
//! ```
//!
//! A row with one unknown column also lands in the other column's group, with a known value
//! there: the known values are dropped when the groups are read.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use gb_enums_codegen::sql_quote::{ident, literal};
use gb_enums_codegen::Dialect;
use postgres::Transaction;

use super::columns::{LiveColumn, LiveTable};
use super::query_error;
use crate::audit::finding::{Finding, Kind, Mode, Report, StoredValue};
use crate::audit::plan::{number_is_known, string_is_known};
use crate::audit::{Options, SAMPLE_BLOCKS};
use crate::connection::Error;

/// Blocks per range in an exact pass: enough ranges for a smooth progress display, few
/// enough that per-query overhead stays negligible.
fn chunk_blocks(blocks: u64) -> u64 {
    (blocks / 100).max(1024)
}

/// Counts the unknown values of every counted column of `table`.
pub(super) fn count(
    tx: &mut Transaction<'_>,
    table: &LiveTable<'_>,
    options: &Options,
    report: &mut Report,
) -> Result<(), Error> {
    // An open enum keeps unknown numbers on purpose; its text columns still need every
    // string mapped before they can be converted.
    let counted: Vec<&LiveColumn<'_>> = table
        .columns
        .iter()
        .filter(|c| !(c.enum_def.open && c.integer))
        .collect();
    if counted.is_empty() {
        return Ok(());
    }
    let what = format!("the values of table `{}`", table.name);
    let sampled = options.mode == Mode::Sample && table.blocks > SAMPLE_BLOCKS;
    let mut found: Vec<BTreeMap<String, u64>> = vec![BTreeMap::new(); counted.len()];
    if sampled {
        let percent = (SAMPLE_BLOCKS as f64 * 100.0 / table.blocks as f64).clamp(0.0001, 100.0);
        let from = format!(
            "{} TABLESAMPLE SYSTEM ({percent:.4}) REPEATABLE (0)",
            ident(Dialect::Postgres, &table.name)
        );
        let sample_rows: i64 = tx
            .query_one(&format!("SELECT count(*) FROM {from}"), &[])
            .map_err(query_error(&what))?
            .get(0);
        group_into(tx, &counted, &from, "TRUE", &mut found, &what)?;
        let total = if table.reltuples > 0.0 {
            table.reltuples
        } else {
            sample_rows as f64 * 100.0 / percent
        };
        let scale = if sample_rows > 0 {
            total / sample_rows as f64
        } else {
            0.0
        };
        for per_column in &mut found {
            for rows in per_column.values_mut() {
                *rows = ((*rows as f64) * scale).round().max(1.0) as u64;
            }
        }
        merge_statistics(tx, table, &counted, total, &mut found, &what)?;
        report.notes.push(format!(
            "`{}`: unknown values estimated from a {percent:.2}% block sample ({sample_rows} rows) and the planner's \
             statistics, scaled to {total:.0} rows; a rare value can be missed, run without --sample for exact counts",
            table.name
        ));
    } else if table.kind == "r" && table.blocks > 0 {
        let step = chunk_blocks(table.blocks);
        let from = ident(Dialect::Postgres, &table.name);
        let mut progress =
            options.progress(&format!("auditing {}", table.name), table.blocks, "blocks");
        let mut start = 0;
        while start < table.blocks {
            let end = start + step;
            // The last range is open-ended: blocks added since the size was read are counted.
            let range = if end >= table.blocks {
                format!("ctid >= '({start},0)'::tid")
            } else {
                format!("ctid >= '({start},0)'::tid AND ctid < '({end},0)'::tid")
            };
            group_into(tx, &counted, &from, &range, &mut found, &what)?;
            progress.inc(end.min(table.blocks) - start);
            start = end;
        }
        progress.finish();
    } else {
        // Partitioned tables, views, empty tables: one query.
        let from = ident(Dialect::Postgres, &table.name);
        group_into(tx, &counted, &from, "TRUE", &mut found, &what)?;
    }

    for (c, values) in counted.iter().zip(found) {
        if values.is_empty() {
            continue;
        }
        let col = c.def.name.value.as_str();
        let mut values: Vec<StoredValue> = values
            .into_iter()
            .map(|(value, rows)| StoredValue { value, rows })
            .collect();
        // Most rows first; ties by value (numbers numerically), so the order is stable.
        values.sort_by(|a, b| {
            b.rows
                .cmp(&a.rows)
                .then_with(|| value_order(&a.value).cmp(&value_order(&b.value)))
        });
        let rows: u64 = values.iter().map(|v| v.rows).sum();
        let approx = if sampled { "about " } else { "" };
        let listed: Vec<String> = values.iter().map(|v| display_value(c, &v.value)).collect();
        let mut message = format!(
            "{approx}{rows} {} hold{} {} that enum {} does not know: {}",
            if rows == 1 { "row" } else { "rows" },
            if rows == 1 { "s" } else { "" },
            if values.len() == 1 {
                "a value"
            } else {
                "values"
            },
            c.enum_def.key.value,
            listed.join(", ")
        );
        if sampled {
            message.push_str(" (an estimate from a sample)");
        }
        let fix = if c.integer {
            format!(
                "add the value{} to enum {} in the registry (or correct the rows)",
                if values.len() == 1 { "" } else { "s" },
                c.enum_def.key.value
            )
        } else {
            format!(
                "add the spelling{} as aliases in enum {} (or correct the rows): `gb-enums migrate` stops on them",
                if values.len() == 1 { "" } else { "s" },
                c.enum_def.key.value
            )
        };
        let mut f = Finding::new(Kind::UnknownValues, &table.name, Some(col), message)
            .count(rows)
            .fix(fix);
        f.estimate = sampled;
        f.values = values;
        report.findings.push(f);
    }
    Ok(())
}

fn value_order(v: &str) -> (Option<i64>, &str) {
    (v.parse().ok(), v)
}

fn display_value(c: &LiveColumn<'_>, v: &str) -> String {
    if c.integer {
        v.to_owned()
    } else {
        literal(Dialect::Postgres, v)
    }
}

fn is_known(c: &LiveColumn<'_>, v: &str) -> bool {
    if c.integer {
        v.parse().is_ok_and(|n| number_is_known(c.enum_def, n))
    } else {
        string_is_known(c.enum_def, v)
    }
}

/// The condition "the column holds a value the enum does not have" (NULL is not a value).
fn unknown_condition(c: &LiveColumn<'_>) -> String {
    let col = ident(Dialect::Postgres, &c.def.name.value);
    if c.integer {
        let values: Vec<String> = c
            .enum_def
            .variants
            .iter()
            .map(|v| v.value.value.to_string())
            .collect();
        format!("{col} NOT IN ({})", values.join(", "))
    } else {
        // Exact spellings only: case-insensitive matches come back and are kept or dropped by
        // `string_is_known`, the rule `gb-enums migrate` applies.
        let spellings: Vec<String> = c
            .enum_def
            .variants
            .iter()
            .flat_map(|v| std::iter::once(&v.name).chain(v.aliases.iter()))
            .map(|s| literal(Dialect::Postgres, &s.value))
            .collect();
        format!("{col}::text NOT IN ({})", spellings.join(", "))
    }
}

/// PostgreSQL's `GROUPING()` takes at most 31 arguments: wider tables are read in several
/// passes of 31 columns.
const GROUPING_MAX: usize = 31;

fn group_into(
    tx: &mut Transaction<'_>,
    counted: &[&LiveColumn<'_>],
    from: &str,
    range: &str,
    found: &mut [BTreeMap<String, u64>],
    what: &str,
) -> Result<(), Error> {
    for (columns, found) in counted
        .chunks(GROUPING_MAX)
        .zip(found.chunks_mut(GROUPING_MAX))
    {
        group_chunk(tx, columns, from, range, found, what)?;
    }
    Ok(())
}

fn group_chunk(
    tx: &mut Transaction<'_>,
    counted: &[&LiveColumn<'_>],
    from: &str,
    range: &str,
    found: &mut [BTreeMap<String, u64>],
    what: &str,
) -> Result<(), Error> {
    let cols: Vec<String> = counted
        .iter()
        .map(|c| ident(Dialect::Postgres, &c.def.name.value))
        .collect();
    let mut sql = format!("SELECT GROUPING({})::int4", cols.join(", "));
    for c in &cols {
        let _ = write!(sql, ", {c}::text");
    }
    let conditions: Vec<String> = counted.iter().map(|c| unknown_condition(c)).collect();
    let sets: Vec<String> = cols.iter().map(|c| format!("({c})")).collect();
    let _ = write!(
        sql,
        ", count(*)::int8 FROM {from} WHERE {range} AND ({}) GROUP BY GROUPING SETS ({})",
        conditions.join(" OR "),
        sets.join(", ")
    );
    let n = counted.len();
    // i64: with 31 columns the mask is 2^31 - 1, the largest int4 (GROUPING's type).
    let all = (1i64 << n) - 1;
    for row in tx.query(&sql, &[]).map_err(query_error(what))? {
        let grouping = i64::from(row.get::<_, i32>(0));
        // In the set of column i every other column is "not grouped", so every bit is set
        // except column i's, which is bit n-1-i.
        let Some(i) = (0..n).find(|&i| grouping == all & !(1 << (n - 1 - i))) else {
            continue;
        };
        let value: Option<String> = row.get(1 + i);
        let rows: i64 = row.get(1 + n);
        let Some(value) = value else { continue };
        if is_known(counted[i], &value) {
            continue;
        }
        *found[i].entry(value).or_default() += u64::try_from(rows).unwrap_or(0);
    }
    Ok(())
}

/// Adds the unknown values that the planner's statistics know about: a most common value
/// counts as its frequency times the rows, a histogram bound as at least one row.
fn merge_statistics(
    tx: &mut Transaction<'_>,
    table: &LiveTable<'_>,
    counted: &[&LiveColumn<'_>],
    total: f64,
    found: &mut [BTreeMap<String, u64>],
    what: &str,
) -> Result<(), Error> {
    let rows = tx
        .query(include_str!("stats.sql"), &[&table.schema, &table.name])
        .map_err(query_error(what))?;
    for row in rows {
        let column: String = row.get("column_name");
        let Some(i) = counted.iter().position(|c| c.def.name.value == column) else {
            continue;
        };
        let Some(value): Option<String> = row.get("value") else {
            continue;
        };
        if is_known(counted[i], &value) {
            continue;
        }
        let freq: Option<f64> = row.get("freq");
        let estimate = freq.map_or(1, |f| (f * total).round().max(1.0) as u64);
        let entry = found[i].entry(value).or_default();
        *entry = (*entry).max(estimate);
    }
    Ok(())
}
