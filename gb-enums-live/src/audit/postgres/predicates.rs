//! CHECK constraints and partial indexes whose predicate compares a bound column with a
//! number the registry does not have (`WHERE status < 9` when there is no 9), or with a
//! string (a text-era predicate, or one PostgreSQL rewrote to `status::text = '...'` when the
//! column was converted under it).
//!
//! The predicates are read by the expression translator of the migrations
//! (`gb_enums_codegen::migrate::TRANSLATE_SQL`, its `pg_temp.gb_enums_constants`), never by a
//! second parser here.

use gb_enums_codegen::EnumDef;
use postgres::Transaction;

use super::columns::LiveTable;
use super::query_error;
use crate::audit::finding::{Finding, Kind, Report};
use crate::audit::plan::number_is_known;
use crate::connection::Error;

const CONSTANTS: &str = "SELECT op, cast_type, constant, kind, fragment \
                         FROM pg_temp.gb_enums_constants($1, $2) WHERE kind IN ('number', 'string')";

struct Compared {
    constant: String,
    kind: String,
    fragment: String,
}

/// Checks every CHECK and partial index of `table` against its bound columns.
pub(super) fn check(
    tx: &mut Transaction<'_>,
    table: &LiveTable<'_>,
    report: &mut Report,
) -> Result<(), Error> {
    let what = format!("the predicates of table `{}`", table.name);
    let indexes: Vec<(String, String)> = tx
        .query(include_str!("partial_indexes.sql"), &[&table.oid])
        .map_err(query_error(&what))?
        .iter()
        .map(|r| (r.get("name"), r.get("predicate")))
        .collect();
    let objects = table
        .checks
        .iter()
        .map(|(n, d)| (format!("CHECK constraint `{n}`"), d))
        .chain(
            indexes
                .iter()
                .map(|(n, p)| (format!("partial index `{n}`"), p)),
        );
    for (object, predicate) in objects {
        for c in &table.columns {
            let col = c.def.name.value.as_str();
            let compared: Vec<Compared> = tx
                .query(CONSTANTS, &[predicate, &col])
                .map_err(query_error(&what))?
                .iter()
                .map(|r| Compared {
                    constant: r.get("constant"),
                    kind: r.get("kind"),
                    fragment: r.get("fragment"),
                })
                .collect();
            report_unknown(report, table, col, c.enum_def, &object, &compared);
            report_strings(report, table, col, c.integer, &object, &compared);
        }
    }
    Ok(())
}

fn fragments(items: &[&Compared]) -> String {
    let mut f: Vec<&str> = items.iter().map(|c| c.fragment.as_str()).collect();
    f.dedup();
    f.iter()
        .map(|f| format!("`{f}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn report_unknown(
    report: &mut Report,
    table: &LiveTable<'_>,
    col: &str,
    e: &EnumDef,
    object: &str,
    compared: &[Compared],
) {
    let unknown: Vec<&Compared> = compared
        .iter()
        .filter(|c| c.kind == "number" && !c.constant.parse().is_ok_and(|n| number_is_known(e, n)))
        .collect();
    if unknown.is_empty() {
        return;
    }
    let mut numbers: Vec<&str> = unknown.iter().map(|c| c.constant.as_str()).collect();
    numbers.dedup();
    report.findings.push(
        Finding::new(
            Kind::PredicateUnknownValue,
            &table.name,
            Some(col),
            format!(
                "{object} compares `{col}` with {}, which enum {} does not have: {}",
                numbers.join(", "),
                e.key.value,
                fragments(&unknown)
            ),
        )
        .count(numbers.len() as u64)
        .fix("recreate it with the registry's values (a `gb-enums render` template names them: `{{ enum.variant }}`)"),
    );
}

fn report_strings(
    report: &mut Report,
    table: &LiveTable<'_>,
    col: &str,
    integer: bool,
    object: &str,
    compared: &[Compared],
) {
    let strings: Vec<&Compared> = compared.iter().filter(|c| c.kind == "string").collect();
    if strings.is_empty() {
        return;
    }
    let why = if integer {
        // PostgreSQL rewrote the predicate when the column was converted under it: the
        // column now compares as text with names it never holds.
        "; on a numeric column it compares the number's text with the string, so its meaning changed"
    } else {
        ""
    };
    let fix = if integer {
        "recreate it with the registry's numbers for these names"
    } else {
        "`gb-enums migrate` translates it while converting the column"
    };
    report.findings.push(
        Finding::new(
            Kind::PredicateString,
            &table.name,
            Some(col),
            format!(
                "{object} compares `{col}` with {} string{}{why}: {}",
                strings.len(),
                if strings.len() == 1 { "" } else { "s" },
                fragments(&strings)
            ),
        )
        .count(strings.len() as u64)
        .fix(fix),
    );
}
