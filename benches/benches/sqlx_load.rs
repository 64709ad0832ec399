//! sqlx load: 1,000,000 rows of five SMALLINT enum columns read from PostgreSQL with
//! `query_as` into `#[derive(sqlx::FromRow)]` structs of gb-enums' generated enums, and of raw
//! `i16`s, by the same query.
//!
//! Each round loads with both once, in an order that alternates from round to round, so that
//! both share the machine's noise; the overhead is the median over the rounds of the enum
//! load's time divided by the raw load's of the same round. Two times are taken: wall time,
//! and the CPU time of the client's one thread (`/proc/thread-self/schedstat`, Linux), which
//! is where decoding happens and which other processes on a busy machine disturb less.
//!
//! ```text
//! cargo bench -p gb-enums-bench --bench sqlx_load
//! ```
//!
//! Environment: `DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`),
//! `GB_BENCH_ROWS` (default 1000000), `GB_BENCH_ROUNDS` (default 15). Without a reachable
//! database the benchmark says why and does nothing. The table is the Diesel load
//! benchmark's (`gb_enums_bench_load`), written by whichever runs first.

use std::hint::black_box;
use std::time::{Duration, Instant};

use gb_enums_bench::gb::{ApprovalStatus, ExecutionMode, RiskLevel, TaskPriority, TaskStatus};
use gb_enums_bench::stats::Summary;
use sqlx::{Connection, Executor, PgConnection};

#[derive(sqlx::FromRow, Debug, PartialEq)]
struct GbRow {
    status: TaskStatus,
    priority: TaskPriority,
    execution_mode: ExecutionMode,
    risk_level: RiskLevel,
    approval_status: ApprovalStatus,
}

#[derive(sqlx::FromRow, Debug, PartialEq)]
struct RawRow {
    status: i16,
    priority: i16,
    execution_mode: i16,
    risk_level: i16,
    approval_status: i16,
}

const QUERY: &str = "SELECT status, priority, execution_mode, risk_level, approval_status \
                     FROM gb_enums_bench_load ORDER BY id";

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Creates and fills the table unless it already holds `rows` rows (the same rows as
/// `diesel_load` writes).
async fn prepare(conn: &mut PgConnection, rows: usize) -> sqlx::Result<()> {
    let have: i64 = sqlx::query_scalar("SELECT count(*) FROM gb_enums_bench_load")
        .fetch_one(&mut *conn)
        .await
        .unwrap_or(-1);
    if have == rows as i64 {
        return Ok(());
    }
    eprintln!("sqlx_load: writing {rows} rows to gb_enums_bench_load");
    conn.execute("DROP TABLE IF EXISTS gb_enums_bench_load")
        .await?;
    conn.execute(
        "CREATE TABLE gb_enums_bench_load (id INT4 PRIMARY KEY, status INT2 NOT NULL, \
         priority INT2 NOT NULL, execution_mode INT2 NOT NULL, risk_level INT2 NOT NULL, \
         approval_status INT2 NOT NULL)",
    )
    .await?;
    sqlx::query(
        "INSERT INTO gb_enums_bench_load SELECT g, (g * 7) % 8, (g * 3) % 5, g % 3, (g * 11) % 5, \
         (g * 13) % 5 FROM generate_series(1, $1) AS g",
    )
    .bind(rows as i32)
    .execute(&mut *conn)
    .await?;
    conn.execute("VACUUM ANALYZE gb_enums_bench_load").await?;
    Ok(())
}

/// Nanoseconds this thread has run on a CPU, when the kernel says (Linux).
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

/// Wall time, client CPU time (or wall time where the kernel does not say), rows.
async fn load(conn: &mut PgConnection, gb: bool) -> sqlx::Result<(Duration, Duration, usize)> {
    let cpu_start = thread_cpu_ns();
    let start = Instant::now();
    let n = if gb {
        black_box(
            sqlx::query_as::<_, GbRow>(QUERY)
                .fetch_all(&mut *conn)
                .await?,
        )
        .len()
    } else {
        black_box(
            sqlx::query_as::<_, RawRow>(QUERY)
                .fetch_all(&mut *conn)
                .await?,
        )
        .len()
    };
    let wall = start.elapsed();
    let cpu = match (cpu_start, thread_cpu_ns()) {
        (Some(a), Some(b)) => Duration::from_nanos(b - a),
        _ => wall,
    };
    Ok((wall, cpu, n))
}

async fn run() -> sqlx::Result<()> {
    let url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let rows = env_number("GB_BENCH_ROWS", 1_000_000);
    let rounds = env_number("GB_BENCH_ROUNDS", 15).max(1);
    let mut conn = match PgConnection::connect(&url).await {
        Ok(c) => c,
        Err(e) => {
            eprintln!("sqlx_load: skipped, cannot connect to {url}: {e}");
            return Ok(());
        }
    };
    prepare(&mut conn, rows).await?;
    // The enums read the same numbers as the raw load (checked once, outside the timing).
    let raw: Vec<RawRow> = sqlx::query_as(QUERY).fetch_all(&mut conn).await?;
    let gb: Vec<GbRow> = sqlx::query_as(QUERY).fetch_all(&mut conn).await?;
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
    assert!(
        raw == as_raw,
        "the generated enums read other values than the raw load"
    );
    drop((raw, gb, as_raw));

    let (mut wall, mut cpu) = ([Vec::new(), Vec::new()], [Vec::new(), Vec::new()]);
    for round in 0..rounds {
        for k in 0..2 {
            let gb = (round + k) % 2 == 1;
            let (w, c, n) = load(&mut conn, gb).await?;
            assert_eq!(n, rows, "every row loaded");
            wall[usize::from(gb)].push(w.as_secs_f64());
            cpu[usize::from(gb)].push(c.as_secs_f64());
        }
    }
    println!("sqlx_load: {rows} rows x 5 SMALLINT columns, {rounds} rounds, PostgreSQL at {url}");
    println!(
        "{:<16} {:>12} {:>32}",
        "variant", "median ms", "time / raw i16 (median [q1, q3] (min-max))"
    );
    for (clock, times) in [("wall", &wall), ("client cpu", &cpu)] {
        for (i, name) in ["raw", "gb"].iter().enumerate() {
            let time = Summary::of(times[i].clone());
            let ratios: Vec<f64> = times[i].iter().zip(&times[0]).map(|(a, b)| a / b).collect();
            println!(
                "{:<16} {:>12.1} {:>32}",
                format!("{name} ({clock})"),
                time.median * 1e3,
                Summary::of(ratios).to_string()
            );
        }
    }
    Ok(())
}

fn main() -> sqlx::Result<()> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime")
        .block_on(run())
}
