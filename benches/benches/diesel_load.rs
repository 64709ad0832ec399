//! Diesel load: 1,000,000 rows of five SMALLINT enum columns read from PostgreSQL into
//! structs of gb-enums' generated enums, of the hand-written and strum + num_enum enums, and of
//! raw `i16`s, by the same query.
//!
//! Each round loads with every variant once, in an order that rotates from round to round,
//! so that all share the machine's noise; a variant's overhead is the median over the rounds
//! of its time divided by the raw `i16` load of the same round.
//!
//! ```text
//! cargo bench -p gb-enums-bench --bench diesel_load
//! ```
//!
//! Environment: `DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`),
//! `GB_BENCH_ROWS` (default 1000000), `GB_BENCH_ROUNDS` (default 15). Without a reachable
//! database the benchmark says why and does nothing.

use std::hint::black_box;
use std::time::{Duration, Instant};

use diesel::prelude::*;
use gb_enums_bench::load::{gb_enums_bench_load as t, GbRow, HandRow, RawRow, StackRow};
use gb_enums_bench::stats::Summary;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Creates and fills the table unless it already holds `rows` rows. The five columns cycle
/// through every value of their enum with different strides, so the variants are mixed.
fn prepare(conn: &mut PgConnection, rows: usize) -> QueryResult<()> {
    let have: i64 = t::table.count().get_result(conn).unwrap_or(-1);
    if have == rows as i64 {
        return Ok(());
    }
    eprintln!("diesel_load: writing {rows} rows to gb_enums_bench_load");
    diesel::sql_query("DROP TABLE IF EXISTS gb_enums_bench_load").execute(conn)?;
    diesel::sql_query(
        "CREATE TABLE gb_enums_bench_load (id INT4 PRIMARY KEY, status INT2 NOT NULL, \
         priority INT2 NOT NULL, execution_mode INT2 NOT NULL, risk_level INT2 NOT NULL, \
         approval_status INT2 NOT NULL)",
    )
    .execute(conn)?;
    diesel::sql_query(format!(
        "INSERT INTO gb_enums_bench_load SELECT g, (g * 7) % 8, (g * 3) % 5, g % 3, (g * 11) % 5, \
         (g * 13) % 5 FROM generate_series(1, {rows}) AS g"
    ))
    .execute(conn)?;
    diesel::sql_query("VACUUM ANALYZE gb_enums_bench_load").execute(conn)?;
    Ok(())
}

macro_rules! query {
    () => {
        t::table
            .select((
                t::status,
                t::priority,
                t::execution_mode,
                t::risk_level,
                t::approval_status,
            ))
            .order(t::id)
    };
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Variant {
    Raw,
    Gb,
    Hand,
    Stack,
}

const VARIANTS: [Variant; 4] = [Variant::Raw, Variant::Gb, Variant::Hand, Variant::Stack];

fn load(conn: &mut PgConnection, v: Variant) -> QueryResult<(Duration, usize)> {
    let start = Instant::now();
    let n = match v {
        Variant::Raw => black_box(query!().load::<RawRow>(conn)?).len(),
        Variant::Gb => black_box(query!().load::<GbRow>(conn)?).len(),
        Variant::Hand => black_box(query!().load::<HandRow>(conn)?).len(),
        Variant::Stack => black_box(query!().load::<StackRow>(conn)?).len(),
    };
    Ok((start.elapsed(), n))
}

/// The typed loads read the same numbers as the raw one (checked once, outside the timing).
fn check_same(conn: &mut PgConnection) -> QueryResult<()> {
    let raw = query!().limit(1000).load::<RawRow>(conn)?;
    let gb = query!().limit(1000).load::<GbRow>(conn)?;
    let as_raw: Vec<RawRow> = gb
        .iter()
        .map(|r| RawRow {
            status: r.status.value(),
            priority: r.priority.value(),
            execution_mode: r.execution_mode.value(),
            risk_level: r.risk_level.value(),
            approval_status: r.approval_status.value(),
        })
        .collect();
    assert_eq!(
        raw, as_raw,
        "the generated enums read other values than the raw load"
    );
    Ok(())
}

fn main() -> QueryResult<()> {
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let rows = env_number("GB_BENCH_ROWS", 1_000_000);
    let rounds = env_number("GB_BENCH_ROUNDS", 15).max(1);
    let mut conn = match PgConnection::establish(&url) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("diesel_load: skipped, cannot connect to {url}: {e}");
            return Ok(());
        }
    };
    prepare(&mut conn, rows)?;
    check_same(&mut conn)?;
    for v in VARIANTS {
        load(&mut conn, v)?; // warm the server's cache and the allocator
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); VARIANTS.len()];
    for round in 0..rounds {
        let mut this_round = [0.0; 4];
        for k in 0..VARIANTS.len() {
            let i = (round + k) % VARIANTS.len();
            let (elapsed, n) = load(&mut conn, VARIANTS[i])?;
            assert_eq!(n, rows, "every row loaded");
            this_round[i] = elapsed.as_secs_f64();
        }
        for (i, t) in this_round.iter().enumerate() {
            times[i].push(*t);
        }
    }
    println!("diesel_load: {rows} rows x 5 SMALLINT columns, {rounds} rounds, PostgreSQL at {url}");
    println!(
        "{:<8} {:>12} {:>32}",
        "variant", "median ms", "time / raw i16 (median [q1, q3] (min-max))"
    );
    for (i, v) in VARIANTS.iter().enumerate() {
        let time = Summary::of(times[i].clone());
        let ratios: Vec<f64> = times[i].iter().zip(&times[0]).map(|(a, b)| a / b).collect();
        let ratio = Summary::of(ratios);
        println!(
            "{:<8} {:>12.1} {:>32}",
            format!("{v:?}").to_lowercase(),
            time.median * 1e3,
            ratio.to_string()
        );
    }
    Ok(())
}
