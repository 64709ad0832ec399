//! The audit on PostgreSQL: one read-only transaction, one module per check, the catalog
//! queries in `.sql` files next to this one.

mod columns;
mod lookup;
mod predicates;
mod values;

use gb_enums_codegen::migrate::TRANSLATE_SQL;
use postgres::error::SqlState;
use postgres::{Client, IsolationLevel, Transaction};

use super::finding::Report;
use super::plan::Plan;
use super::Options;
use crate::connection::{postgres_message, Error};

/// A catalog query failed: say what was being read.
fn query_error(what: &str) -> impl Fn(postgres::Error) -> Error + '_ {
    move |e| Error::new(format!("cannot read {what}: {}", postgres_message(&e)))
}

fn begin(client: &mut Client) -> Result<Transaction<'_>, Error> {
    // REPEATABLE READ: the block-range passes of one table and the catalog reads see one
    // snapshot, so counts add up even while the application writes.
    client
        .build_transaction()
        .isolation_level(IsolationLevel::RepeatableRead)
        .start()
        .map_err(query_error("the database (starting a transaction)"))
}

/// Runs every check of `plan` and adds the findings to `report`.
pub(super) fn audit(
    client: &mut Client,
    plan: &Plan<'_>,
    options: &Options,
    report: &mut Report,
) -> Result<(), Error> {
    let mut tx = begin(client)?;
    // The expression translator shared with the migrations: functions created in pg_temp,
    // private to this session and gone with the rollback. Creating them is the only write,
    // so the transaction becomes read-only right after (PostgreSQL allows that switch
    // before any data was written).
    let translator = match tx.batch_execute(TRANSLATE_SQL) {
        Ok(()) => true,
        // A hot standby, or `default_transaction_read_only`: not even temporary functions
        // can be created. Every other check still runs; the predicates are skipped, and
        // the report says so.
        Err(e) if e.code() == Some(&SqlState::READ_ONLY_SQL_TRANSACTION) => {
            let _ = tx.rollback();
            tx = begin(client)?;
            report.notes.push(
                "postgres: CHECK and partial-index predicates were not checked: the server refused to create the \
                 expression translator's pg_temp functions in a read-only session (a standby?); audit the primary \
                 for them"
                    .to_owned(),
            );
            false
        }
        Err(e) => {
            return Err(query_error(
                "the database (creating the expression translator in pg_temp)",
            )(e))
        }
    };
    tx.batch_execute("SET TRANSACTION READ ONLY")
        .map_err(query_error(
            "the database (making the transaction read-only)",
        ))?;
    let result = audit_in(&mut tx, plan, options, translator, report);
    // Nothing was written, but say so to the server explicitly.
    let rolled_back = tx
        .rollback()
        .map_err(query_error("the database (rolling back)"));
    result.and(rolled_back)
}

fn audit_in(
    tx: &mut Transaction<'_>,
    plan: &Plan<'_>,
    options: &Options,
    translator: bool,
    report: &mut Report,
) -> Result<(), Error> {
    for t in &plan.tables {
        let Some(table) = columns::table(tx, t, report)? else {
            continue;
        };
        if translator {
            predicates::check(tx, &table, report)?;
        }
        values::count(tx, &table, options, report)?;
    }
    for e in &plan.enums {
        lookup::compare(tx, e, report)?;
    }
    Ok(())
}
