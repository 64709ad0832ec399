//! Migrations converting legacy text columns to SMALLINT (`gb-enums migrate`).
//!
//! The registry cannot know what a database holds, so the migration finds out at run time:
//! each file is the expression translator ([`TRANSLATE_SQL`], functions in `pg_temp`) and
//! one PL/pgSQL `DO` block (one statement, hence one transaction, under psql, in Diesel's
//! migration transaction or in the caller's) whose fixed logic lives in `postgres_up.sql` and
//! `postgres_down.sql` next to this file, and whose data (the bound columns, every spelling of
//! every value, the lock timeout) is written here from the registry. Measured on PostgreSQL 15
//! (see DESIGN.md, "Converting legacy columns"): `ALTER ... TYPE` fails while a text default
//! or CHECK remains, and silently turns a partial index `WHERE status NOT IN ('completed',
//! ...)` into one that is always true; the logic handles both by translating every CHECK and
//! index expression on a converted column (see [`translate`]).
//!
//! Stored strings are matched to a value by exact spelling (names and aliases) first, then,
//! ignoring case, where the lower-cased spelling names one value only: `'Running'` becomes the
//! value of `running`, while `'a'`/`'A'` naming two values are only matched exactly.
//!
//! ```
//! use gb_enums_codegen::{migrate, parse_registry, Source};
//!
//! let registry = parse_registry(Source::new("schema.toml", r#"
//! [enums.task_status]
//! variants = [{ value = 0, name = "pending" }, { value = 1, name = "done", aliases = ["DONE"] }]
//! [tables.tasks]
//! status = { enum = "task_status", default = "pending" }
//! "#)).unwrap();
//! let m = migrate::postgres(&registry, &[]).unwrap();
//! assert!(m.up.contains("(1, 'tasks', 'status', 'task_status', false, 0)"));
//! assert!(m.up.contains("('task_status', 1, 'done', 'DONE', 1)"));
//! assert!(m.down.contains("(1, 'tasks', 'status', 'task_status', false, 'pending')"));
//! assert!(migrate::postgres(&registry, &["task".to_owned()]).is_err());
//! ```

pub mod mapping;
pub mod translate;

pub use translate::TRANSLATE_SQL;

use crate::diagnostic::Diagnostic;
use crate::model::{Dialect, Registry};
use crate::sql_quote::literal;
use crate::suggest::did_you_mean;

const UP: &str = include_str!("postgres_up.sql");
const DOWN: &str = include_str!("postgres_down.sql");

/// An up and a down migration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Migration {
    /// Converts the columns to SMALLINT.
    pub up: String,
    /// Restores what the up migration changed.
    pub down: String,
}

/// How a migration is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The longest wait for each table's lock (`SET LOCAL lock_timeout`), in PostgreSQL's
    /// syntax: `5s`, `500ms`, `1min`; `0` waits for ever. Queries queue behind a migration
    /// that waits for its lock, so the wait must be short. Default: `5s`.
    pub lock_timeout: String,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            lock_timeout: "5s".to_owned(),
        }
    }
}

/// Checks a `--lock-timeout` value: a whole number and an optional unit (`ms`, `s`, `min`,
/// `h`, `d`).
///
/// ```
/// use gb_enums_codegen::migrate::parse_lock_timeout;
///
/// assert_eq!(parse_lock_timeout("5s").unwrap(), "5s");
/// assert_eq!(parse_lock_timeout(" 1500ms ").unwrap(), "1500ms");
/// assert_eq!(
///     parse_lock_timeout("5 parsecs").unwrap_err(),
///     "invalid lock timeout `5 parsecs`: expected a whole number and a unit (ms, s, min, h, d), e.g. `5s`"
/// );
/// ```
pub fn parse_lock_timeout(text: &str) -> Result<String, String> {
    let t = text.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    let unit = &t[digits..];
    if digits > 0 && digits <= 9 && ["", "ms", "s", "min", "h", "d"].contains(&unit) {
        Ok(t.to_owned())
    } else {
        Err(format!(
            "invalid lock timeout `{text}`: expected a whole number and a unit (ms, s, min, h, d), e.g. `5s`"
        ))
    }
}

/// The PostgreSQL migrations for the `[tables]` entries named in `tables` (all when empty),
/// with the default [`Options`].
///
/// Errors: a name in `tables` that `[tables]` does not have, or nothing to convert.
pub fn postgres(registry: &Registry, tables: &[String]) -> Result<Migration, Vec<Diagnostic>> {
    postgres_with(registry, tables, &Options::default())
}

/// The PostgreSQL migrations for the `[tables]` entries named in `tables` (all when empty).
///
/// Errors: a name in `tables` that `[tables]` does not have, an invalid
/// [`Options::lock_timeout`], or nothing to convert.
pub fn postgres_with(
    registry: &Registry,
    tables: &[String],
    options: &Options,
) -> Result<Migration, Vec<Diagnostic>> {
    let file = registry.source.name.as_str();
    let known: Vec<&str> = registry
        .tables
        .iter()
        .map(|t| t.name.value.as_str())
        .collect();
    let errors: Vec<Diagnostic> = tables
        .iter()
        .filter(|t| !known.contains(&t.as_str()))
        .map(|t| {
            let hint = did_you_mean(t, known.iter().copied());
            Diagnostic::file_error(file, format!("table `{t}` is not under [tables]{hint}"))
        })
        .collect();
    let mut errors = errors;
    let lock_timeout = parse_lock_timeout(&options.lock_timeout);
    if let Err(e) = &lock_timeout {
        errors.push(Diagnostic::file_error(file, e.clone()));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let lock = format!(
        "  SET LOCAL lock_timeout = {};\n",
        literal(Dialect::Postgres, &lock_timeout.unwrap_or_default())
    );
    let selected: Vec<_> = registry
        .tables
        .iter()
        .filter(|t| tables.is_empty() || tables.contains(&t.name.value))
        .flat_map(|t| t.columns.iter().map(move |c| (t, c)))
        .collect();
    if selected.is_empty() {
        return Err(vec![Diagnostic::file_error(
            file,
            "no column is bound under [tables]: nothing to migrate",
        )]);
    }
    let q = |s: &str| literal(Dialect::Postgres, s);
    let mut up_columns = Vec::new();
    let mut down_columns = Vec::new();
    let mut enum_keys: Vec<&str> = Vec::new();
    let mut summary = Vec::new();
    for (i, (t, c)) in selected.iter().enumerate() {
        let Some(e) = registry.enum_by_key(&c.enum_key.value) else {
            continue;
        };
        let default = c.default.as_ref().and_then(|d| e.variant_by_name(&d.value));
        let head = format!(
            "({}, {}, {}, {}, {}",
            i + 1,
            q(&t.name.value),
            q(&c.name.value),
            q(&e.key.value),
            e.open
        );
        up_columns.push(format!(
            "{head}, {})",
            default.map_or("NULL".to_owned(), |v| v.value.value.to_string())
        ));
        down_columns.push(format!(
            "{head}, {})",
            default.map_or("NULL".to_owned(), |v| q(&v.name.value))
        ));
        summary.push(format!(
            "--   {}.{} ({})",
            t.name.value, c.name.value, e.key.value
        ));
        if !enum_keys.contains(&e.key.value.as_str()) {
            enum_keys.push(&e.key.value);
        }
    }
    let mut values = Vec::new();
    for key in &enum_keys {
        let Some(e) = registry.enum_by_key(key) else {
            continue;
        };
        for v in &e.variants {
            let spellings =
                std::iter::once(&v.name.value).chain(v.aliases.iter().map(|a| &a.value));
            for (ord, s) in spellings.enumerate() {
                values.push(format!(
                    "({}, {}, {}, {}, {ord})",
                    q(key),
                    v.value.value,
                    q(&v.name.value),
                    q(s)
                ));
            }
        }
    }
    let data = |columns: &[String], default_column: &str| {
        format!(
            "{lock}  INSERT INTO pg_temp.gb_enums_column (ord, table_name, column_name, enum_key, open, {default_column}) VALUES\n    {};\n  INSERT INTO pg_temp.gb_enums_value (enum_key, value, name, spelling, ord) VALUES\n    {};\n",
            columns.join(",\n    "),
            values.join(",\n    ")
        )
    };
    let summary = summary.join("\n");
    let up = document(
        &up_header(file, &summary),
        UP,
        &data(&up_columns, "default_value"),
    );
    let down = document(
        &down_header(file, &summary),
        DOWN,
        &data(&down_columns, "default_name"),
    );
    Ok(Migration { up, down })
}

/// The `DO` block: the fixed logic with the data in place, in a dollar quote that the data
/// cannot end early.
fn document(header: &str, logic: &str, data: &str) -> String {
    let body = logic.replacen("  -- @data\n", data, 1);
    let mut tag = "$gb_enums$".to_owned();
    let mut n = 1;
    while body.contains(&tag) {
        tag = format!("$gb_enums_{n}$");
        n += 1;
    }
    format!("{header}{TRANSLATE_SQL}\nDO {tag}\n{body}{tag};\n")
}

fn up_header(file: &str, summary: &str) -> String {
    format!(
        "\
-- @generated by `gb-enums migrate --dialect postgres` from {file}: do not edit.
--
-- Converts these columns from text (VARCHAR, TEXT, CHAR, an enum type) or INTEGER to SMALLINT:
{summary}
--
-- First the expression translator's functions, created in pg_temp (private to this session);
-- then one DO statement, so one transaction, which:
-- 1. locks each table, waiting at most lock_timeout (else it stops, naming the table), and
--    checks every stored string against the names and aliases of its enum (the exact
--    spelling first, then ignoring case where that names one value only), and every stored
--    number against the values;
-- 2. translates every CHECK constraint and every index predicate or expression that mentions
--    a converted column, on the table and on its partitions: only the comparisons of the
--    column with strings become comparisons with numbers. A CHECK on the column alone that
--    every value passes only restates the list, and is dropped (CHECK-free). Anything that
--    cannot be translated exactly (a function of the column, LIKE, `<`, ...) is named;
--    on any problem it stops, having changed nothing, and lists every problem (each
--    unmapped value with its row count);
-- 3. converts all the columns of a table in one ALTER TABLE (one rewrite of the table), which
--    also drops the old CHECKs and defaults and adds the translated CHECKs;
-- 4. builds the translated indexes again (on a partitioned table, for every partition);
-- 5. sets the defaults given under [tables];
-- 6. records what it changed in gb_enums_legacy (types, defaults, CHECKs, indexes, comments,
--    and the spelling of each value in each column) and, only for rows holding another
--    spelling of a value stored in several, gb_enums_legacy_text, next to each table, for
--    the down migration.
-- A column that is already SMALLINT is left as it is: running it again changes nothing.
"
    )
}

fn down_header(file: &str, summary: &str) -> String {
    format!(
        "\
-- @generated by `gb-enums migrate --dialect postgres --down` from {file}: do not edit.
--
-- Restores these SMALLINT columns to what the up migration found:
{summary}
--
-- First the expression translator's functions, created in pg_temp (private to this session);
-- then one DO statement, so one transaction. It locks each table (waiting at most
-- lock_timeout) and stops, having changed nothing, when an index or CHECK on a converted
-- column was not created by the up migration (it compares with numbers: drop it first). From
-- the records of the up migration (gb_enums_legacy and gb_enums_legacy_text) it restores
-- each column's type, values (in the spelling each value had in that column, and each row
-- recorded one by one in its own, unless its value changed since) and default; recreates the
-- CHECK constraints and indexes in their original text form, on the table and its
-- partitions; puts back the column comments that `gb-enums sql` replaced; and drops the
-- records once they are empty. A column with no record becomes TEXT holding the names, with
-- the default of [tables]. A column that is not SMALLINT is left as it is: running it again
-- changes nothing.
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse_registry, Source};

    fn registry(text: &str) -> Registry {
        parse_registry(Source::new("schema.toml", text)).unwrap()
    }

    #[test]
    fn unknown_tables_and_empty_registries_are_errors() {
        let r = registry("[enums.e]\nvariants = [{ value = 0, name = \"a\" }]\n[tables.tasks]\ns = { enum = \"e\" }\n");
        let errors = postgres(&r, &["taks".into(), "other".into()]).unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "error: schema.toml: table `taks` is not under [tables]; did you mean `tasks`?",
                "error: schema.toml: table `other` is not under [tables]",
            ]
        );
        let r = registry("[enums.e]\nvariants = [{ value = 0, name = \"a\" }]\n");
        let errors = postgres(&r, &[]).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "error: schema.toml: no column is bound under [tables]: nothing to migrate"
        );
    }

    #[test]
    fn data_is_quoted_and_cannot_end_the_block() {
        let r = registry(
            "[enums.e]\nvariants = [{ value = 0, name = \"a\", aliases = [\"it's\", \"$gb_enums$\"] }]\n[tables.t]\ns = { enum = \"e\" }\n",
        );
        let m = postgres(&r, &[]).unwrap();
        assert!(m.up.contains("('e', 0, 'a', 'it''s', 1)"));
        assert!(m.up.contains("DO $gb_enums_1$\n") && m.up.ends_with("END\n$gb_enums_1$;\n"));
        assert_eq!(m.up.matches("$gb_enums_1$").count(), 2);
    }
}
