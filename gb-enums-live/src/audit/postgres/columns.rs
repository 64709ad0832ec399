//! Per table: existence, the type, default and comment of each bound column, the CHECK and
//! foreign-key constraints on it, and the padding of the column order.

use gb_enums_codegen::sql_quote::ident;
use gb_enums_codegen::{ColumnDef, Dialect, EnumDef};
use postgres::Transaction;

use super::query_error;
use crate::audit::column_checks::{check_comment, check_default, expected_default};
use crate::audit::finding::{Finding, Kind, Report};
use crate::audit::migrate_fix;
use crate::audit::padding::{layout, LayoutColumn};
use crate::audit::plan::TablePlan;
use crate::connection::{Backend, Error};

/// What the counting pass needs to know about a table that exists.
pub(super) struct LiveTable<'r> {
    pub name: String,
    pub oid: u32,
    pub schema: String,
    /// `r` (table), `p` (partitioned), `v`, `m`, `f`...
    pub kind: String,
    pub reltuples: f64,
    pub blocks: u64,
    /// The bound columns that exist, with their enum and whether they hold integers.
    pub columns: Vec<LiveColumn<'r>>,
    /// The CHECK constraints of the table: name and definition (`CHECK (...)`).
    pub checks: Vec<(String, String)>,
}

pub(super) struct LiveColumn<'r> {
    pub def: &'r ColumnDef,
    pub enum_def: &'r EnumDef,
    pub integer: bool,
}

struct CatalogColumn {
    name: String,
    type_: String,
    base_type: String,
    type_kind: String,
    typlen: i32,
    typalign: String,
    default_expr: Option<String>,
    comment: Option<String>,
    avg_width: Option<i32>,
}

const INTEGER_TYPES: [&str; 3] = ["int2", "int4", "int8"];

/// Checks the table of `plan` and its bound columns; `None` when the table does not exist.
pub(super) fn table<'r>(
    tx: &mut Transaction<'_>,
    plan: &TablePlan<'r>,
    report: &mut Report,
) -> Result<Option<LiveTable<'r>>, Error> {
    let name = plan.table.name.value.as_str();
    let what = format!("table `{name}`");
    let row = tx
        .query_opt(include_str!("table.sql"), &[&name])
        .map_err(query_error(&what))?;
    let Some(row) = row else {
        report.findings.push(
            Finding::new(
                Kind::MissingTable,
                name,
                None,
                format!("table `{name}` does not exist (looked up through the search_path)"),
            )
            .fix("create it with its bound columns as SMALLINT, or remove it from [tables]"),
        );
        return Ok(None);
    };
    let oid: u32 = row.get("oid");
    let mut live = LiveTable {
        name: name.to_owned(),
        oid,
        schema: row.get("schema"),
        kind: row.get("kind"),
        reltuples: row.get("reltuples"),
        blocks: u64::try_from(row.get::<_, i64>("blocks")).unwrap_or(0),
        columns: Vec::new(),
        checks: Vec::new(),
    };
    let catalog: Vec<CatalogColumn> = tx
        .query(include_str!("columns.sql"), &[&oid])
        .map_err(query_error(&what))?
        .iter()
        .map(|r| CatalogColumn {
            name: r.get("name"),
            type_: r.get("type"),
            base_type: r.get("base_type"),
            type_kind: r.get("type_kind"),
            typlen: r.get("typlen"),
            typalign: r.get("typalign"),
            default_expr: r.get("default_expr"),
            comment: r.get("comment"),
            avg_width: r.get("avg_width"),
        })
        .collect();
    let constraints: Vec<(String, String, String, String)> = tx
        .query(include_str!("constraints.sql"), &[&oid])
        .map_err(query_error(&what))?
        .iter()
        .map(|r| {
            (
                r.get("column_name"),
                r.get("name"),
                r.get("kind"),
                r.get("definition"),
            )
        })
        .collect();

    for k in constraints.iter().filter(|k| k.2 == "c") {
        if !live.checks.iter().any(|(n, _)| *n == k.1) {
            live.checks.push((k.1.clone(), k.3.clone()));
        }
    }
    for &(c, e) in &plan.columns {
        let col = c.name.value.as_str();
        let Some(cat) = catalog.iter().find(|k| k.name == col) else {
            report.findings.push(
                Finding::new(
                    Kind::MissingColumn,
                    name,
                    Some(col),
                    format!("column `{col}` does not exist"),
                )
                .fix(format!(
                    "ALTER TABLE {} ADD COLUMN {} SMALLINT{}",
                    ident(Dialect::Postgres, name),
                    ident(Dialect::Postgres, col),
                    expected_default(c, e)
                        .map_or_else(String::new, |v| format!(" NOT NULL DEFAULT {v}"))
                )),
            );
            continue;
        };
        let integer = INTEGER_TYPES.contains(&cat.base_type.as_str());
        if cat.base_type != "int2" {
            let what = if cat.type_kind == "e" {
                format!("the native enum `{}`", cat.type_)
            } else {
                format!("`{}`", cat.type_)
            };
            report.findings.push(
                Finding::new(
                    Kind::NotSmallint,
                    name,
                    Some(col),
                    format!("column `{col}` is {what}, not SMALLINT"),
                )
                .fix(migrate_fix(Backend::Postgres, name)),
            );
        }
        live.columns.push(LiveColumn {
            def: c,
            enum_def: e,
            integer,
        });
        // A text column's default and comment are set by the migration that converts it.
        if integer {
            check_default(
                report,
                Dialect::Postgres,
                name,
                c,
                e,
                cat.default_expr.as_deref(),
            );
            check_comment(
                report,
                Dialect::Postgres,
                name,
                c,
                e,
                cat.comment.as_deref(),
            );
        }
        for (kind, code, label) in [
            ("c", Kind::CheckConstraint, "CHECK constraint"),
            ("f", Kind::ForeignKey, "foreign key"),
        ] {
            let on_col: Vec<&(String, String, String, String)> = constraints
                .iter()
                .filter(|k| k.0 == col && k.2 == kind)
                .collect();
            if on_col.is_empty() {
                continue;
            }
            let list: Vec<String> = on_col
                .iter()
                .map(|k| format!("`{}` {}", k.1, k.3))
                .collect();
            let drops: Vec<String> = on_col
                .iter()
                .map(|k| {
                    format!(
                        "ALTER TABLE {} DROP CONSTRAINT {};",
                        ident(Dialect::Postgres, name),
                        ident(Dialect::Postgres, &k.1)
                    )
                })
                .collect();
            report.findings.push(
                Finding::new(
                    code,
                    name,
                    Some(col),
                    format!(
                        "{} {label}{} still constrain{} column `{col}`: {}",
                        on_col.len(),
                        if on_col.len() == 1 { "" } else { "s" },
                        if on_col.len() == 1 { "s" } else { "" },
                        list.join("; ")
                    ),
                )
                .count(on_col.len() as u64)
                .fix(if integer {
                    drops.join(" ")
                } else {
                    format!(
                        "{} (drops it while converting)",
                        migrate_fix(Backend::Postgres, name)
                    )
                }),
            );
        }
    }

    let layout_columns: Vec<LayoutColumn> = catalog
        .iter()
        .map(|k| LayoutColumn {
            name: k.name.clone(),
            fixed_len: u32::try_from(k.typlen).ok().filter(|&n| n > 0),
            align: match k.typalign.as_str() {
                "s" => 2,
                "i" => 4,
                "d" => 8,
                _ => 1,
            },
            avg_width: k.avg_width.and_then(|w| u32::try_from(w).ok()),
        })
        .collect();
    let l = layout(&layout_columns);
    // Less than a byte is the noise of variable lengths, not an order worth changing.
    if l.lost() >= 1.0 {
        report.findings.push(
            Finding::new(
                Kind::Padding,
                name,
                None,
                format!(
                    "the column order loses {:.1} bytes per row to alignment padding between columns ({:.1} instead of {:.1})",
                    l.lost(),
                    l.current,
                    l.best,
                ),
            )
            .count(l.lost().round() as u64)
            .fix(format!(
                "when the table is next rewritten, declare its columns in this order: {}",
                l.best_order.join(", ")
            )),
        );
    }
    Ok(Some(live))
}
