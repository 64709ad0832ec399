//! Step 5: the swap, one short transaction under the lock timeout (retried with backoff):
//! each column is renamed aside and its companion takes its name, default, NOT NULL and
//! comment; each index and CHECK constraint of the column swaps names with its companion;
//! the trigger is turned around, so the column set aside keeps being filled from the one the
//! application now writes. Only catalog rows change: the transaction holds its exclusive
//! lock for milliseconds, whatever the table's size.

use super::catalog::{self, Table};
use super::indexes::{companion_name, not_null_check_name};
use super::session::Session;
use super::sql::{ident, lit};
use super::{precheck, shadow, state, target_type, Direction};
use crate::connection::Error;

/// Swaps every column of `table` with its companion.
pub fn run(session: &mut Session, table: &Table, direction: Direction) -> Result<(), Error> {
    let mappings: Vec<_> = table.columns.iter().map(|c| c.mapping.clone()).collect();
    let table = catalog::load(session, &table.name, &mappings)?;
    let t = &table.qualified;
    let mut sql = vec![format!("LOCK TABLE {t} IN ACCESS EXCLUSIVE MODE")];
    let mut alters = Vec::new();
    let mut after = Vec::new();
    for (i, c) in table.columns.iter().enumerate() {
        let (Some(attr), Some(other)) = (&c.attr, &c.other_attr) else {
            return Err(Error::new(format!(
                "{t}.{}: the companion column is missing; run the command again",
                ident(&c.name)
            )));
        };
        let col = ident(&c.name);
        let aside = ident(&c.other);
        let tmp = ident(&format!("gb_enums_swap_{i}"));
        sql.push(format!("ALTER TABLE {t} RENAME COLUMN {col} TO {tmp}"));
        sql.push(format!("ALTER TABLE {t} RENAME COLUMN {aside} TO {col}"));
        sql.push(format!("ALTER TABLE {t} RENAME COLUMN {tmp} TO {aside}"));
        // From here on `col` is the converted column and `aside` the old one.
        if attr.default.is_some() {
            alters.push(format!("ALTER COLUMN {aside} DROP DEFAULT"));
        }
        if attr.not_null {
            alters.push(format!("ALTER COLUMN {aside} DROP NOT NULL"));
        }
        match precheck::new_default(session, c, direction, &target_type(c, direction))? {
            Some(d) => alters.push(format!("ALTER COLUMN {col} SET DEFAULT {d}")),
            None if other.default.is_some() => {
                alters.push(format!("ALTER COLUMN {col} DROP DEFAULT"))
            }
            None => {}
        }
        if attr.not_null && !other.not_null {
            // Proven by the validated CHECK of step 4: no scan.
            alters.push(format!("ALTER COLUMN {col} SET NOT NULL"));
            after.push(format!(
                "ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {}",
                ident(&not_null_check_name(c))
            ));
        }
        after.push(format!(
            "COMMENT ON COLUMN {t}.{col} IS {}",
            attr.comment.as_deref().map_or("NULL".to_owned(), lit)
        ));
        after.push(format!(
            "COMMENT ON COLUMN {t}.{aside} IS {}",
            lit(&format!(
                "gb-enums: the {} column before `migrate --online{}`, kept filled from {} by a trigger; `gb-enums migrate --online --finalize` drops it",
                attr.type_name,
                if direction == Direction::Down { " --down" } else { "" },
                c.name
            ))
        ));
    }
    if !alters.is_empty() {
        sql.push(format!("ALTER TABLE {t} {}", alters.join(", ")));
    }
    sql.extend(after);
    // CHECK constraints: the companion takes the name; the old one is dropped and recorded,
    // so that going back restores its exact text.
    let sources: Vec<String> = table
        .columns
        .iter()
        .filter_map(|c| c.attr.as_ref().map(|a| a.attnum.to_string()))
        .collect();
    let sources = sources.join(",");
    let mut dropped = Vec::new();
    let all_checks = catalog::checks(session, &table, &table.attnums())?;
    for check in catalog::checks(session, &table, &sources)? {
        if check.name.starts_with(catalog::OTHER_PREFIX) {
            continue;
        }
        let companion = companion_name(&check.name);
        if !all_checks
            .iter()
            .any(|c| c.name == companion && c.validated)
        {
            return Err(Error::new(format!(
                "{t}: the CHECK constraint {} has no validated companion {}; run the command again",
                ident(&check.name),
                ident(&companion)
            )));
        }
        dropped.push(format!(
            "{}\t{}",
            check.name,
            check
                .definition
                .strip_suffix(" NOT VALID")
                .unwrap_or(&check.definition)
        ));
        sql.push(format!(
            "ALTER TABLE {t} DROP CONSTRAINT {}",
            ident(&check.name)
        ));
        sql.push(format!(
            "ALTER TABLE {t} RENAME CONSTRAINT {} TO {}",
            ident(&companion),
            ident(&check.name)
        ));
    }
    // Indexes: three renames each, partitions' too.
    let mut n = 0;
    let nsp_name = session
        .value(&format!(
            "SELECT nspname FROM pg_namespace WHERE oid = {}::regnamespace",
            lit(&table.nsp)
        ))?
        .unwrap_or_default();
    for index in catalog::indexes(session, &table, &sources)? {
        if index.name.starts_with(catalog::OTHER_PREFIX) {
            continue;
        }
        let companion = companion_name(&index.name);
        if !catalog::index_by_name(session, &nsp_name, &companion)?.is_some_and(|i| i.valid) {
            return Err(Error::new(format!(
                "{t}: the index {} has no valid companion {}; run the command again",
                index.quoted,
                ident(&companion)
            )));
        }
        let mut pairs = vec![(table.nsp.clone(), index.name.clone())];
        for (_, part_index, part_oid, _) in catalog::partition_indexes(session, &index.oid)? {
            let nsp = session
                .value(&format!(
                    "SELECT quote_ident(n.nspname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = {part_oid}"
                ))?
                .unwrap_or_default();
            pairs.push((nsp, part_index));
        }
        for (nsp, name) in pairs {
            let tmp = ident(&format!("gb_enums_swap_index_{n}"));
            n += 1;
            let companion = ident(&companion_name(&name));
            sql.push(format!(
                "ALTER INDEX {nsp}.{} RENAME TO {tmp}",
                ident(&name)
            ));
            sql.push(format!(
                "ALTER INDEX {nsp}.{companion} RENAME TO {}",
                ident(&name)
            ));
            sql.push(format!("ALTER INDEX {nsp}.{tmp} RENAME TO {companion}"));
        }
    }
    sql.push(shadow::trigger_sql(&table, direction, true));
    sql.push(state::set_phase_sql(&table, "swapped"));
    sql.push(format!(
        "UPDATE {}.gb_enums_online SET dropped_checks = {} WHERE table_name = {}",
        table.nsp,
        if dropped.is_empty() {
            "NULL".to_owned()
        } else {
            lit(&dropped.join("\n"))
        },
        lit(&table.relname)
    ));
    session
        .ddl_on(
            &table.oid,
            &format!("swapping the columns of {t}"),
            &sql.join(";\n"),
        )
        .map(drop)
}
