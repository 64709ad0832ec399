//! Step 4: the indexes, CHECK constraints and NOT NULL of each converted column, built on its
//! companion without blocking writes.
//!
//! - An index becomes `CREATE INDEX CONCURRENTLY` of the same shape on the companion, its
//!   predicate and expressions translated; on a partitioned table the parent's index is
//!   created `ON ONLY` the parent (invalid, instant), each partition's concurrently, and each
//!   is attached, after which the parent's is valid. An index left invalid by an interrupted
//!   run is dropped concurrently and built again.
//! - A CHECK constraint becomes `ADD CONSTRAINT ... NOT VALID` (instant) then `VALIDATE`
//!   (reads the table without blocking writes); NOT NULL becomes a validated
//!   `CHECK (companion IS NOT NULL)`, which lets the swap's `SET NOT NULL` skip its scan.
//! - A validated `CHECK ((column IS NULL) = (companion IS NULL))` proves the backfill
//!   complete before the swap.
//!
//! Expressions are translated by the one translator of the migrations
//! ([`gb_enums_codegen::migrate::TRANSLATE_SQL`], PL/pgSQL functions in `pg_temp`), executed
//! at the start of the transaction that uses it (no session state through PgBouncer); the
//! translated expression then names the companion through `sql/rename.sql`, which uses the
//! translator's tokenizer.

use gb_enums_codegen::migrate::TRANSLATE_SQL;

use super::catalog::{self, Check, Column, Index, Table};
use super::session::Session;
use super::sql::{ident, lit};
use super::{target_type, Direction};
use crate::connection::Error;

const RENAME_SQL: &str = include_str!("sql/rename.sql");

/// What step 4 built in this run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Built {
    /// Indexes built (partitions' included).
    pub indexes: usize,
    /// Constraints validated.
    pub constraints: usize,
}

/// The name of the companion of index or constraint `name` (63 bytes at most, PostgreSQL's
/// limit).
///
/// ```
/// use gb_enums_live::online::indexes::companion_name;
///
/// assert_eq!(companion_name("tasks_open"), "gb_enums_tasks_open");
/// assert_eq!(companion_name(&"x".repeat(63)).len(), 63);
/// ```
pub fn companion_name(name: &str) -> String {
    let prefix = catalog::OTHER_PREFIX;
    let mut rest = name.to_owned();
    while prefix.len() + rest.len() > 63 {
        rest.pop();
    }
    format!("{prefix}{rest}")
}

/// The attribute numbers of the columns the application writes (the sources).
fn source_attnums(table: &Table) -> String {
    let n: Vec<String> = table
        .columns
        .iter()
        .filter_map(|c| c.attr.as_ref().map(|a| a.attnum.to_string()))
        .collect();
    if n.is_empty() {
        "0".to_owned()
    } else {
        n.join(",")
    }
}

/// What the translator needs for one column: the SQL of the nested call that translates
/// `expr` (an SQL text expression) and renames the column to its companion.
fn translate_call(expr: &str, column: &Column, direction: Direction, translate: bool) -> String {
    let inner = if translate {
        let (mapping, literal_type) = match direction {
            Direction::Up => (column.mapping.value_json(), "NULL".to_owned()),
            Direction::Down => (
                column.mapping.name_json(),
                lit(&target_type(column, direction)),
            ),
        };
        format!(
            "pg_temp.gb_enums_translate({expr}, {}, {}::jsonb, {literal_type})",
            lit(&column.name),
            lit(&mapping)
        )
    } else {
        expr.to_owned()
    };
    format!(
        "pg_temp.gb_enums_rename({inner}, {}, {})",
        lit(&column.name),
        lit(&column.other)
    )
}

/// Translates each `(label, expression, columns used)`; the labels name what failed.
fn translate_all(
    session: &mut Session,
    items: &[(String, String, Vec<&Column>, bool)],
    direction: Direction,
) -> Result<Vec<String>, Vec<String>> {
    if items.is_empty() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (label, expr, columns, translate) in items {
        let mut call = lit(expr);
        for c in columns {
            call = translate_call(&call, c, direction, *translate);
        }
        // The translator's functions live in pg_temp for this transaction only: through a
        // transaction-pooling PgBouncer the next transaction may be on another connection.
        let r = session.rows(&format!(
            "BEGIN;\n{TRANSLATE_SQL};\n{RENAME_SQL};\nSELECT {call};\nROLLBACK"
        ));
        match r {
            Ok(rows) => out.push(rows.into_iter().next().flatten_first().unwrap_or_default()),
            Err(e) => problems.push(format!("{label}: {e}")),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

trait FlattenFirst {
    fn flatten_first(self) -> Option<String>;
}

impl FlattenFirst for Option<Vec<Option<String>>> {
    fn flatten_first(self) -> Option<String> {
        self.and_then(|r| r.into_iter().next().flatten())
    }
}

/// The columns of `table` that `uses` (attribute numbers) names.
fn columns_used<'a>(table: &'a Table, uses: &[i32]) -> Vec<&'a Column> {
    table
        .columns
        .iter()
        .filter(|c| c.attr.as_ref().is_some_and(|a| uses.contains(&a.attnum)))
        .collect()
}

fn is_ours(name: &str) -> bool {
    name.starts_with(catalog::OTHER_PREFIX)
}

/// The definition of the companion of index `index` (without `CREATE ... INDEX name ON`):
/// `USING method (...) INCLUDE (...) WHERE ...`, after translation.
fn index_tail(
    session: &mut Session,
    table: &Table,
    index: &Index,
    direction: Direction,
) -> Result<String, Vec<String>> {
    let used = columns_used(table, &index.uses);
    let label = format!("index {}", index.quoted);
    let mut items = Vec::new();
    for p in &index.parts {
        if p.attnum == 0 {
            items.push((label.clone(), p.text.clone(), used.clone(), true));
        }
    }
    if let Some(pred) = &index.predicate {
        items.push((label.clone(), pred.clone(), used.clone(), true));
    }
    let mut translated = translate_all(session, &items, direction)?.into_iter();
    let mut keys = Vec::new();
    let mut include = Vec::new();
    for (i, p) in index.parts.iter().enumerate() {
        let column = table
            .columns
            .iter()
            .find(|c| p.attnum != 0 && c.attr.as_ref().is_some_and(|a| a.attnum == p.attnum));
        let text = match column {
            // The companion has another type: the text column's operator class and
            // collation do not apply to it.
            Some(c) => [ident(&c.other), p.ordering.clone()].join(" "),
            None if p.attnum == 0 => [
                format!("({})", translated.next().unwrap_or_default()),
                p.collation.clone(),
                p.opclass.clone(),
                p.ordering.clone(),
            ]
            .join(" "),
            None => [
                p.text.clone(),
                p.collation.clone(),
                p.opclass.clone(),
                p.ordering.clone(),
            ]
            .join(" "),
        };
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if i < index.key_count {
            keys.push(text);
        } else {
            include.push(text);
        }
    }
    let mut tail = format!("USING {} ({})", index.method, keys.join(", "));
    if !include.is_empty() {
        tail.push_str(&format!(" INCLUDE ({})", include.join(", ")));
    }
    if index.predicate.is_some() {
        tail.push_str(&format!(" WHERE {}", translated.next().unwrap_or_default()));
    }
    Ok(tail)
}

/// The definition of the companion of CHECK `check`: the one recorded when it was dropped
/// at the last swap, else its translation.
fn check_definition(
    session: &mut Session,
    table: &Table,
    check: &Check,
    direction: Direction,
    recorded: Option<&str>,
) -> Result<String, Vec<String>> {
    let used = columns_used(table, &check.uses);
    let label = format!("CHECK constraint {}", ident(&check.name));
    let def = check
        .definition
        .strip_suffix(" NOT VALID")
        .unwrap_or(&check.definition);
    let item = match recorded {
        // Recorded with the column's name; only the name changes.
        Some(r) => (label, r.to_owned(), used, false),
        None => (label, def.to_owned(), used, true),
    };
    Ok(translate_all(session, &[item], direction)?
        .pop()
        .unwrap_or_default())
}

fn recorded_check<'a>(dropped: Option<&'a str>, name: &str) -> Option<&'a str> {
    dropped?
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .find(|(n, _)| *n == name)
        .map(|(_, d)| d)
}

/// Everything that would stop step 4, found before anything changes: indexes backing a
/// constraint, expressions the translator cannot translate, sub-partitioned tables.
pub fn check_translatable(
    session: &mut Session,
    table: &Table,
    direction: Direction,
) -> Result<(), Error> {
    let mut problems = Vec::new();
    if table.levels > 1 {
        problems.push(format!(
            "{} has sub-partitions; only one level of partitioning is converted online",
            table.qualified
        ));
    }
    let dropped = super::state::load(session, table)?.and_then(|p| p.dropped_checks);
    for index in catalog::indexes(session, table, &source_attnums(table))? {
        if is_ours(&index.name) {
            continue;
        }
        if let Some(kind) = &index.constraint {
            problems.push(format!(
                "index {} backs a {} constraint on a converted column; drop the constraint before converting online and create it again afterwards",
                index.quoted,
                match kind.as_str() {
                    "p" => "PRIMARY KEY",
                    "u" => "UNIQUE",
                    _ => "EXCLUDE",
                }
            ));
            continue;
        }
        if let Err(e) = index_tail(session, table, &index, direction) {
            problems.extend(e);
        }
    }
    for check in catalog::checks(session, table, &source_attnums(table))? {
        if is_ours(&check.name) {
            continue;
        }
        let recorded = recorded_check(dropped.as_deref(), &check.name);
        if let Err(e) = check_definition(session, table, &check, direction, recorded) {
            problems.extend(e);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::new(format!(
            "this run changed nothing, because:\n  - {}",
            problems.join("\n  - ")
        )))
    }
}

/// Builds what is missing on the companions.
pub fn run(session: &mut Session, table: &Table, direction: Direction) -> Result<Built, Error> {
    let mut built = Built::default();
    let fail = |e: Vec<String>| Error::new(e.join("; "));
    for index in catalog::indexes(session, table, &source_attnums(table))? {
        if is_ours(&index.name) {
            continue;
        }
        let tail = index_tail(session, table, &index, direction).map_err(fail)?;
        let name = companion_name(&index.name);
        let unique = if index.unique { "UNIQUE " } else { "" };
        if table.partitioned {
            built.indexes += partitioned_index(session, table, &index, &name, unique, &tail)?;
        } else if build_concurrently(
            session,
            &table.nsp,
            &name,
            &format!(
                "CREATE {unique}INDEX CONCURRENTLY {} ON {} {tail}",
                ident(&name),
                table.qualified
            ),
        )? {
            built.indexes += 1;
        }
    }
    let dropped = super::state::load(session, table)?.and_then(|p| p.dropped_checks);
    let existing: Vec<Check> = catalog::checks(session, table, &table.attnums())?;
    for check in catalog::checks(session, table, &source_attnums(table))? {
        if is_ours(&check.name) {
            continue;
        }
        let recorded = recorded_check(dropped.as_deref(), &check.name);
        let def = check_definition(session, table, &check, direction, recorded).map_err(fail)?;
        built.constraints += constraint(
            session,
            table,
            &existing,
            &companion_name(&check.name),
            &def,
        )?;
    }
    for c in &table.columns {
        let (Some(attr), Some(other)) = (&c.attr, &c.other_attr) else {
            continue;
        };
        let col = ident(&c.name);
        let companion = ident(&other_name(c));
        built.constraints += constraint(
            session,
            table,
            &existing,
            &sync_check_name(c),
            &format!("CHECK ((({col}) IS NULL) = (({companion}) IS NULL))"),
        )?;
        if attr.not_null && !other.not_null {
            built.constraints += constraint(
                session,
                table,
                &existing,
                &not_null_check_name(c),
                &format!("CHECK ({companion} IS NOT NULL)"),
            )?;
        }
    }
    Ok(built)
}

fn other_name(c: &Column) -> String {
    c.other.clone()
}

/// The CHECK proving that a column and its companion are NULL together.
pub fn sync_check_name(c: &Column) -> String {
    companion_name(&format!("sync_{}", c.name))
}

/// The CHECK standing for the companion's NOT NULL until the swap.
pub fn not_null_check_name(c: &Column) -> String {
    companion_name(&format!("not_null_{}", c.name))
}

/// Adds `name` as `NOT VALID` and validates it, unless it is there and valid. Returns 1 when
/// it validated something.
fn constraint(
    session: &mut Session,
    table: &Table,
    existing: &[Check],
    name: &str,
    def: &str,
) -> Result<usize, Error> {
    match existing.iter().find(|c| c.name == name) {
        Some(c) if c.validated => return Ok(0),
        Some(_) => {}
        None => {
            session.ddl_on(
                &table.oid,
                &format!(
                    "adding the constraint {} to {}",
                    ident(name),
                    table.qualified
                ),
                &format!(
                    "ALTER TABLE {} ADD CONSTRAINT {} {def} NOT VALID",
                    table.qualified,
                    ident(name)
                ),
            )?;
        }
    }
    session.non_blocking(
        &format!(
            "validating the constraint {} of {}",
            ident(name),
            table.qualified
        ),
        &format!(
            "ALTER TABLE {} VALIDATE CONSTRAINT {}",
            table.qualified,
            ident(name)
        ),
    )?;
    Ok(1)
}

/// Runs `create` (a `CREATE INDEX CONCURRENTLY`) unless index `name` is there and valid; an
/// invalid one, left by an interrupted run, is dropped concurrently first. Returns whether it
/// built.
fn build_concurrently(
    session: &mut Session,
    nsp: &str,
    name: &str,
    create: &str,
) -> Result<bool, Error> {
    let nsp_name = session
        .value(&format!(
            "SELECT nspname FROM pg_namespace WHERE oid = {}::regnamespace",
            lit(nsp)
        ))?
        .unwrap_or_default();
    if let Some(found) = catalog::index_by_name(session, &nsp_name, name)? {
        if found.valid {
            return Ok(false);
        }
        // CONCURRENTLY cannot run in a transaction block, so no SET LOCAL: its lock (SHARE
        // UPDATE EXCLUSIVE) does not block reads or writes, only other DDL, so waiting for it
        // costs the application nothing.
        session.execute(&format!(
            "DROP INDEX CONCURRENTLY IF EXISTS {nsp}.{}",
            ident(name)
        ))?;
    }
    session
        .execute(create)
        .map_err(|e| Error::new(format!("building index {}: {e}", ident(name))))?;
    Ok(true)
}

/// The companion of a partitioned index: `ON ONLY` the parent, each partition's built
/// concurrently and attached. Returns the number of indexes built.
fn partitioned_index(
    session: &mut Session,
    table: &Table,
    index: &Index,
    name: &str,
    unique: &str,
    tail: &str,
) -> Result<usize, Error> {
    let nsp_name = session
        .value(&format!(
            "SELECT nspname FROM pg_namespace WHERE oid = {}::regnamespace",
            lit(&table.nsp)
        ))?
        .unwrap_or_default();
    let mut built = 0;
    let parent = match catalog::index_by_name(session, &nsp_name, name)? {
        Some(p) if p.valid => return Ok(0),
        Some(p) => p,
        None => {
            session.ddl_on(
                &table.oid,
                &format!("creating index {} on {}", ident(name), table.qualified),
                &format!(
                    "CREATE {unique}INDEX {} ON ONLY {} {tail}",
                    ident(name),
                    table.qualified
                ),
            )?;
            built += 1;
            catalog::index_by_name(session, &nsp_name, name)?
                .ok_or_else(|| Error::new(format!("index {} vanished", ident(name))))?
        }
    };
    for (_, part_index, part_oid, part_table) in catalog::partition_indexes(session, &index.oid)? {
        let part_name = companion_name(&part_index);
        let part_nsp = session
            .value(&format!(
                "SELECT quote_ident(n.nspname) || E'\\t' || n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = {part_oid}"
            ))?
            .unwrap_or_default();
        let (part_nsp_quoted, part_nsp_name) = part_nsp.split_once('\t').unwrap_or(("", ""));
        if build_concurrently(
            session,
            part_nsp_quoted,
            &part_name,
            &format!(
                "CREATE {unique}INDEX CONCURRENTLY {} ON {part_table} {tail}",
                ident(&part_name)
            ),
        )? {
            built += 1;
        }
        let attached =
            catalog::index_by_name(session, part_nsp_name, &part_name)?.is_some_and(|i| i.attached);
        if !attached {
            session.ddl_on(
                &table.oid,
                &format!("attaching index {} to {}", ident(&part_name), ident(name)),
                &format!(
                    "ALTER INDEX {}.{} ATTACH PARTITION {part_nsp_quoted}.{}",
                    table.nsp,
                    ident(name),
                    ident(&part_name)
                ),
            )?;
        }
    }
    let valid = catalog::index_by_name(session, &nsp_name, name)?.is_some_and(|i| i.valid);
    if !valid || parent.oid.is_empty() {
        return Err(Error::new(format!(
            "index {} on {} is not valid after attaching every partition's index; a partition may lack the original index {}",
            ident(name),
            table.qualified,
            index.quoted
        )));
    }
    Ok(built)
}
