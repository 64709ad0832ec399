//! The connection of an online conversion: the simple query protocol only, one short
//! transaction at a time, and DDL retried when its lock is not free.
//!
//! Through PgBouncer in transaction pooling mode every transaction may run on another server
//! connection, so nothing here relies on session state: no `SET` outside a transaction (only
//! `SET LOCAL`), no temporary objects, and no prepared statements (`simple_query` sends the
//! text and keeps nothing). Values are written into the text as quoted literals.

use std::time::{Duration, Instant};

use postgres::error::SqlState;
use postgres::{Client, SimpleQueryMessage};

use super::sql::{fill, section, CATALOG};
use crate::connection::{postgres_message, Error};

/// A row of text values (NULL as `None`), as the simple query protocol returns them.
pub type Row = Vec<Option<String>>;

/// How a DDL statement waits for its lock.
#[derive(Clone, Copy, Debug)]
pub struct LockPolicy {
    /// `SET LOCAL lock_timeout` of every DDL transaction: the longest the table's other
    /// queries queue behind it.
    pub lock_timeout: Duration,
    /// How many times a transaction that timed out on its lock is tried again.
    pub retries: u32,
}

/// A client of one database, used through the simple query protocol only.
pub struct Session {
    client: Client,
    policy: LockPolicy,
    /// Lock waits that timed out and were retried, for the summary.
    pub lock_retries: u64,
    /// The longest transaction that took a lock blocking the table's readers or writers
    /// (lock wait included), for the summary.
    pub longest_ddl: Duration,
}

impl Session {
    /// Wraps a connected client.
    pub fn new(client: Client, policy: LockPolicy) -> Self {
        Session {
            client,
            policy,
            lock_retries: 0,
            longest_ddl: Duration::ZERO,
        }
    }

    /// The rows of the last statement of `sql` that returns rows.
    pub fn rows(&mut self, sql: &str) -> Result<Vec<Row>, Error> {
        let messages = self.client.simple_query(sql).map_err(|e| {
            // A failed multi-statement text leaves an open transaction block aborted.
            let _ = self.client.simple_query("ROLLBACK");
            Error::new(postgres_message(&e))
        })?;
        let mut rows = Vec::new();
        for m in messages {
            match m {
                SimpleQueryMessage::Row(r) => {
                    rows.push((0..r.len()).map(|i| r.get(i).map(str::to_owned)).collect())
                }
                SimpleQueryMessage::CommandComplete(_) => {}
                _ => {}
            }
        }
        Ok(rows)
    }

    /// The first value of the first row, if any.
    pub fn value(&mut self, sql: &str) -> Result<Option<String>, Error> {
        Ok(self
            .rows(sql)?
            .into_iter()
            .next()
            .and_then(|r| r.into_iter().next().flatten()))
    }

    /// Runs `sql` alone, outside any transaction block (`CREATE INDEX CONCURRENTLY`).
    pub fn execute(&mut self, sql: &str) -> Result<(), Error> {
        self.rows(sql).map(drop)
    }

    /// Runs `sql` in its own transaction under `SET LOCAL lock_timeout`; when the lock is not
    /// free in time (or a deadlock chose it), rolls back, waits with exponential backoff and
    /// jitter, and tries again, up to the policy's number of retries.
    pub fn ddl(&mut self, what: &str, sql: &str) -> Result<Vec<Row>, Error> {
        self.transaction(what, sql, true, None)
    }

    /// As [`Session::ddl`] for a DDL on the table `oid` (and its partitions): before each
    /// try it waits, holding no lock, while autovacuum or a long transaction holds a lock on
    /// the table, so that the table's queries never queue behind a lock request that cannot
    /// be granted soon.
    pub fn ddl_on(&mut self, oid: &str, what: &str, sql: &str) -> Result<Vec<Row>, Error> {
        self.transaction(what, sql, true, Some(oid))
    }

    /// As [`Session::ddl`], for a transaction whose locks block neither reads nor writes
    /// (`VALIDATE CONSTRAINT`, a backfill batch): not counted in `longest_ddl`.
    pub fn non_blocking(&mut self, what: &str, sql: &str) -> Result<Vec<Row>, Error> {
        self.transaction(what, sql, false, None)
    }

    /// Waits (with backoff, counted as retries) while the table `oid` is busy; after as many
    /// tries as the policy allows it goes ahead anyway and relies on the lock timeout.
    fn wait_quiet(&mut self, oid: &str) -> Result<(), Error> {
        let ms = (self.policy.lock_timeout.as_millis() / 2)
            .max(1)
            .to_string();
        let sql = fill(&section(CATALOG, "busy"), &[("oid", oid), ("ms", &ms)]);
        for attempt in 0..self.policy.retries {
            if self.value(&sql)?.as_deref() == Some("0") {
                return Ok(());
            }
            self.lock_retries += 1;
            std::thread::sleep(backoff(attempt));
        }
        Ok(())
    }

    fn transaction(
        &mut self,
        what: &str,
        sql: &str,
        blocking: bool,
        watch: Option<&str>,
    ) -> Result<Vec<Row>, Error> {
        let text = format!(
            "BEGIN; SET LOCAL lock_timeout = '{}ms'; {sql}; COMMIT",
            self.policy.lock_timeout.as_millis().max(1)
        );
        let mut attempt = 0u32;
        loop {
            if let Some(oid) = watch {
                self.wait_quiet(oid)?;
            }
            let started = Instant::now();
            match self.client.simple_query(&text) {
                Ok(messages) => {
                    if blocking {
                        self.longest_ddl = self.longest_ddl.max(started.elapsed());
                    }
                    return Ok(messages
                        .into_iter()
                        .filter_map(|m| match m {
                            SimpleQueryMessage::Row(r) => {
                                Some((0..r.len()).map(|i| r.get(i).map(str::to_owned)).collect())
                            }
                            _ => None,
                        })
                        .collect());
                }
                Err(e) => {
                    let _ = self.client.simple_query("ROLLBACK");
                    let retry = matches!(
                        e.code(),
                        Some(c) if *c == SqlState::LOCK_NOT_AVAILABLE || *c == SqlState::T_R_DEADLOCK_DETECTED
                    );
                    if !retry {
                        return Err(Error::new(format!("{what}: {}", postgres_message(&e))));
                    }
                    if attempt >= self.policy.retries {
                        return Err(Error::new(format!(
                            "{what}: the lock was not free within {} ms in {} tries; the table is busy: run the command again later or raise `--lock-timeout`",
                            self.policy.lock_timeout.as_millis(),
                            attempt + 1
                        )));
                    }
                    self.lock_retries += 1;
                    std::thread::sleep(backoff(attempt));
                    attempt += 1;
                }
            }
        }
    }
}

/// The wait before retry `attempt` (0-based): 50 ms doubling up to 5 s, plus up to as much
/// again at random, so that shards or tables retrying together do not collide again.
///
/// ```
/// use gb_enums_live::online::session::backoff;
/// use std::time::Duration;
///
/// let first = backoff(0);
/// assert!(first >= Duration::from_millis(50) && first < Duration::from_millis(100));
/// assert!(backoff(30) < Duration::from_secs(10));
/// ```
pub fn backoff(attempt: u32) -> Duration {
    let base = 50u64.saturating_mul(1 << attempt.min(7)).min(5_000);
    Duration::from_millis(base + fastrand::u64(0..base))
}
