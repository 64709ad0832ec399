//! What the database holds for each table to convert: its key, its bound columns and the
//! other column of each, its partitions, and the indexes and CHECK constraints on the columns.
//! Read again at the start of every step, so that a rerun after a kill starts from what is
//! there, not from what an earlier run believed.

use gb_enums_codegen::migrate::mapping::ColumnMapping;

use super::session::{Row, Session};
use super::sql::{fill, ident, lit, section, CATALOG};
use crate::connection::Error;

/// The prefix of the column that holds the other representation of a converted column: the
/// SMALLINT shadow before the swap, the kept text column after it.
pub const OTHER_PREFIX: &str = "gb_enums_";

/// A column as the catalog has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attr {
    /// `pg_attribute.attnum`.
    pub attnum: i32,
    /// `format_type`, e.g. `character varying(20)`.
    pub type_name: String,
    /// `pg_type.typcategory`: `S` string, `E` enum, `N` numeric.
    pub category: String,
    /// NOT NULL.
    pub not_null: bool,
    /// The default expression.
    pub default: Option<String>,
    /// The comment.
    pub comment: Option<String>,
    /// A generated column.
    pub generated: bool,
}

impl Attr {
    /// Text, VARCHAR, CHAR or an enum type.
    pub fn is_text(&self) -> bool {
        self.category == "S" || self.category == "E"
    }
    /// SMALLINT.
    pub fn is_smallint(&self) -> bool {
        self.type_name == "smallint"
    }
}

/// A bound column and the column holding its other representation.
#[derive(Clone, Debug)]
pub struct Column {
    /// The registry's mapping.
    pub mapping: ColumnMapping,
    /// The column the application uses.
    pub name: String,
    /// The other column's name.
    pub other: String,
    /// The column the application uses, if it exists.
    pub attr: Option<Attr>,
    /// The other column, if it exists.
    pub other_attr: Option<Attr>,
}

/// A table to convert.
#[derive(Clone, Debug)]
pub struct Table {
    /// As written under `[tables]`.
    pub name: String,
    /// Its oid.
    pub oid: String,
    /// Its schema, quoted.
    pub nsp: String,
    /// Its name in the catalog.
    pub relname: String,
    /// `schema.table`, quoted.
    pub qualified: String,
    /// A partitioned table.
    pub partitioned: bool,
    /// Levels of partitioning.
    pub levels: i64,
    /// `pg_class.reltuples` summed over its partitions.
    pub estimated_rows: u64,
    /// The keyset: quoted column and its type.
    pub key: Vec<(String, String)>,
    /// The bound columns.
    pub columns: Vec<Column>,
}

impl Table {
    /// The bound columns' attribute numbers and their other columns', comma-separated.
    pub fn attnums(&self) -> String {
        let mut n: Vec<String> = Vec::new();
        for c in &self.columns {
            for a in [&c.attr, &c.other_attr].into_iter().flatten() {
                n.push(a.attnum.to_string());
            }
        }
        if n.is_empty() {
            "0".to_owned()
        } else {
            n.join(",")
        }
    }
}

fn text(row: &Row, i: usize) -> String {
    row.get(i).cloned().flatten().unwrap_or_default()
}

fn flag(row: &Row, i: usize) -> bool {
    row.get(i).cloned().flatten().as_deref() == Some("t")
}

/// Reads the table bound under `[tables]` as `name`, with the given columns.
pub fn load(session: &mut Session, name: &str, mappings: &[ColumnMapping]) -> Result<Table, Error> {
    let rows = session.rows(&fill(
        &section(CATALOG, "table"),
        &[("name", &lit(&ident(name)))],
    ))?;
    let Some(row) = rows.first() else {
        return Err(Error::new(format!(
            "table `{name}` does not exist (it is looked up through the search_path)"
        )));
    };
    let oid = text(row, 0);
    let relkind = text(row, 1);
    if relkind != "r" && relkind != "p" {
        return Err(Error::new(format!(
            "`{name}` is not a table (relkind {relkind})"
        )));
    }
    let mut table = Table {
        name: name.to_owned(),
        oid: oid.clone(),
        nsp: text(row, 2),
        relname: text(row, 3),
        qualified: text(row, 4),
        partitioned: relkind == "p",
        levels: text(row, 6).parse().unwrap_or(0),
        estimated_rows: text(row, 5).parse().unwrap_or(0),
        key: Vec::new(),
        columns: Vec::new(),
    };
    table.key = session
        .rows(&fill(&section(CATALOG, "key"), &[("oid", &oid)]))?
        .iter()
        .map(|r| (text(r, 0), text(r, 1)))
        .collect();
    let attrs: Vec<(String, Attr)> = session
        .rows(&fill(&section(CATALOG, "columns"), &[("oid", &oid)]))?
        .iter()
        .map(|r| {
            (
                text(r, 0),
                Attr {
                    attnum: text(r, 1).parse().unwrap_or(0),
                    type_name: text(r, 2),
                    category: text(r, 3),
                    not_null: flag(r, 4),
                    default: r.get(5).cloned().flatten(),
                    comment: r.get(6).cloned().flatten(),
                    generated: flag(r, 7),
                },
            )
        })
        .collect();
    let find = |n: &str| attrs.iter().find(|(a, _)| a == n).map(|(_, a)| a.clone());
    for m in mappings.iter().filter(|m| m.table == name) {
        let other = format!("{OTHER_PREFIX}{}", m.column);
        // A PostgreSQL enum type takes its labels only: numbers map back to the spelling of
        // each value that is one (`'Public'`, not the registry's name `public`).
        let text_side = [find(&m.column), find(&other)]
            .into_iter()
            .flatten()
            .find(Attr::is_text);
        let m = match text_side.filter(|a| a.category == "E") {
            Some(a) => {
                let labels: Vec<String> = session
                    .rows(&format!(
                        "SELECT enumlabel FROM pg_enum WHERE enumtypid = {}::regtype ORDER BY enumsortorder",
                        lit(&a.type_name)
                    ))?
                    .into_iter()
                    .filter_map(|r| r.into_iter().next().flatten())
                    .collect();
                m.with_names_among(&labels)
            }
            None => m.clone(),
        };
        let m = &m;
        if other.len() > 63 {
            return Err(Error::new(format!(
                "{}.{}: the column name is too long for its companion `{other}` (63 bytes at most)",
                table.qualified, m.column
            )));
        }
        table.columns.push(Column {
            mapping: m.clone(),
            name: m.column.clone(),
            other_attr: find(&other),
            other,
            attr: find(&m.column),
        });
    }
    Ok(table)
}

/// The partitions of a partitioned table: oid and quoted name.
pub fn partitions(session: &mut Session, table: &Table) -> Result<Vec<(String, String)>, Error> {
    Ok(session
        .rows(&fill(
            &section(CATALOG, "partitions"),
            &[("oid", &table.oid)],
        ))?
        .iter()
        .map(|r| (text(r, 0), text(r, 1)))
        .collect())
}

/// Foreign keys, views and generated columns that use the columns: the conversion would
/// leave them on the wrong column, so they stop it.
pub fn blockers(session: &mut Session, table: &Table) -> Result<Vec<String>, Error> {
    Ok(session
        .rows(&fill(
            &section(CATALOG, "blockers"),
            &[("oid", &table.oid), ("attnums", &table.attnums())],
        ))?
        .iter()
        .map(|r| format!("{}: {}", table.qualified, text(r, 0)))
        .collect())
}

/// One position of an index: a column or an expression.
#[derive(Clone, Debug)]
pub struct IndexPart {
    /// The column number, 0 for an expression.
    pub attnum: i32,
    /// The column's name or the expression, as deparsed.
    pub text: String,
    /// A non-default operator class.
    pub opclass: String,
    /// A non-default collation, `COLLATE ...`.
    pub collation: String,
    /// `DESC`, `NULLS FIRST`, ...
    pub ordering: String,
}

/// An index on a converted column.
#[derive(Clone, Debug)]
pub struct Index {
    /// Its oid.
    pub oid: String,
    /// Its name, quoted.
    pub quoted: String,
    /// Its name.
    pub name: String,
    /// `indisvalid`.
    pub valid: bool,
    /// UNIQUE.
    pub unique: bool,
    /// The constraint it backs (`p`, `u`, `x`), if any.
    pub constraint: Option<String>,
    /// The access method.
    pub method: String,
    /// Key columns (the rest of `parts` is INCLUDE).
    pub key_count: usize,
    /// The predicate, deparsed.
    pub predicate: Option<String>,
    /// Key and INCLUDE positions.
    pub parts: Vec<IndexPart>,
    /// An expression of the index uses a converted column.
    pub expression_uses_column: bool,
    /// The attribute numbers of the converted columns it uses.
    pub uses: Vec<i32>,
}

/// The indexes that use one of `attnums`.
pub fn indexes(session: &mut Session, table: &Table, attnums: &str) -> Result<Vec<Index>, Error> {
    let rows = session.rows(&fill(
        &section(CATALOG, "indexes"),
        &[("oid", &table.oid), ("attnums", attnums)],
    ))?;
    Ok(rows
        .iter()
        .map(|r| Index {
            oid: text(r, 0),
            quoted: text(r, 1),
            name: text(r, 2),
            valid: flag(r, 3),
            unique: flag(r, 4),
            constraint: r.get(5).cloned().flatten(),
            method: text(r, 6),
            key_count: text(r, 7).parse().unwrap_or(0),
            predicate: r.get(8).cloned().flatten(),
            parts: text(r, 9)
                .split('\u{1e}')
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let f: Vec<&str> = p.split('\u{1f}').collect();
                    IndexPart {
                        attnum: f.first().and_then(|s| s.parse().ok()).unwrap_or(0),
                        text: f.get(1).copied().unwrap_or_default().to_owned(),
                        opclass: f.get(2).copied().unwrap_or_default().to_owned(),
                        collation: f.get(3).copied().unwrap_or_default().to_owned(),
                        ordering: f.get(4).copied().unwrap_or_default().to_owned(),
                    }
                })
                .collect(),
            expression_uses_column: flag(r, 10),
            uses: text(r, 11)
                .split(',')
                .filter_map(|s| s.parse().ok())
                .collect(),
        })
        .collect())
}

/// An index found by name in the table's schema.
#[derive(Clone, Debug)]
pub struct NamedIndex {
    /// Its oid.
    pub oid: String,
    /// Its table's oid.
    pub table_oid: String,
    /// `indisvalid`.
    pub valid: bool,
    /// Attached to a partitioned index.
    pub attached: bool,
}

/// The index named `name` in schema `nsp` (quoted), if there is one.
pub fn index_by_name(
    session: &mut Session,
    nsp: &str,
    name: &str,
) -> Result<Option<NamedIndex>, Error> {
    let rows = session.rows(&fill(
        &section(CATALOG, "index_by_name"),
        &[("nsp", &lit(nsp)), ("name", &lit(name))],
    ))?;
    Ok(rows.first().map(|r| NamedIndex {
        oid: text(r, 0),
        table_oid: text(r, 1),
        valid: flag(r, 2) && flag(r, 3),
        attached: flag(r, 4),
    }))
}

/// The partitions' indexes attached to the partitioned index `oid`: quoted name, name, the
/// partition's oid and quoted name.
pub fn partition_indexes(
    session: &mut Session,
    oid: &str,
) -> Result<Vec<(String, String, String, String)>, Error> {
    Ok(session
        .rows(&fill(
            &section(CATALOG, "partition_indexes"),
            &[("oid", oid)],
        ))?
        .iter()
        .map(|r| (text(r, 0), text(r, 1), text(r, 2), text(r, 3)))
        .collect())
}

/// A CHECK constraint on a converted column.
#[derive(Clone, Debug)]
pub struct Check {
    /// Its name.
    pub name: String,
    /// `CHECK (...)` as deparsed.
    pub definition: String,
    /// Validated.
    pub validated: bool,
    /// The attribute numbers of the converted columns it uses.
    pub uses: Vec<i32>,
    /// Defined on this table (not only inherited from a parent).
    pub local: bool,
}

/// The CHECK constraints that use one of `attnums`.
pub fn checks(session: &mut Session, table: &Table, attnums: &str) -> Result<Vec<Check>, Error> {
    Ok(session
        .rows(&fill(
            &section(CATALOG, "checks"),
            &[("oid", &table.oid), ("attnums", attnums)],
        ))?
        .iter()
        .map(|r| Check {
            name: text(r, 0),
            definition: text(r, 1),
            validated: flag(r, 2),
            uses: text(r, 3)
                .split(',')
                .filter_map(|s| s.parse().ok())
                .collect(),
            local: flag(r, 4),
        })
        .collect())
}
